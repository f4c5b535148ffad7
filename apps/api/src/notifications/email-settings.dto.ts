import { EMAIL_TOPICS, EmailTopic } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  ValidateNested,
} from 'class-validator';

export class EmailSettingChangeDto {
  @ApiProperty({ enum: EMAIL_TOPICS })
  @IsIn(EMAIL_TOPICS)
  topic!: EmailTopic;

  @ApiProperty({ description: 'Whether e-mails of the topic are sent' })
  @IsBoolean()
  email!: boolean;
}

export class UpdateEmailSettingsDto {
  @ApiProperty({ type: [EmailSettingChangeDto], minItems: 1, maxItems: EMAIL_TOPICS.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EMAIL_TOPICS.length)
  @ValidateNested({ each: true })
  @Type(() => EmailSettingChangeDto)
  topics!: EmailSettingChangeDto[];
}
