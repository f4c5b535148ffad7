import { ERROR_CODES, validationCode } from '@app/errors';
import { getMetadataStorage } from 'class-validator';
import { ERROR_TEXTS } from '../../apps/web/src/i18n/error-texts';
// Every controller, so every DTO's rules are registered with class-validator.
import '../../apps/api/src/app.module';

/** The rule names class-validator reports, for every DTO the api validates. */
function validationRules(): string[] {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, { name?: string; type: string; constraintCls: object }[]>;
  };
  const rules = new Set<string>(['whitelistValidation', 'nestedValidation', 'arrayMaxSize']);
  for (const metadatas of storage.validationMetadatas.values()) {
    for (const metadata of metadatas) {
      if (metadata.type === 'nestedValidation' || metadata.type === 'conditionalValidation') {
        continue;
      }
      if (metadata.type === 'customValidation') {
        const constraints = getMetadataStorage().getTargetValidatorConstraints(
          metadata.constraintCls as never,
        );
        for (const constraint of constraints) if (constraint.name) rules.add(constraint.name);
      } else rules.add(metadata.name ?? metadata.type);
    }
  }
  return [...rules].sort();
}

describe('every api error code has a Danish and an English text in the web app', () => {
  const codes = [...ERROR_CODES, ...validationRules().map(validationCode)];

  it('finds the DTOs’ rules', () => {
    expect(codes).toEqual(expect.arrayContaining(['validation.isString', 'validation.isEmail']));
  });

  it.each(['da', 'en'] as const)('in %s', (language) => {
    const texts: Record<string, string | undefined> = ERROR_TEXTS[language];
    const missing = codes.filter((code) => !texts[code]?.trim());
    expect(missing).toEqual([]);
  });
});
