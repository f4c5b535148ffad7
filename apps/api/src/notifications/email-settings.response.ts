import { EMAIL_TOPICS, EmailSetting, EmailTopic } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';

export class EmailSettingResponse implements EmailSetting {
  @ApiProperty({
    enum: EMAIL_TOPICS,
    description:
      'offers (offers and answers to them), deadlines (reminders of a svarfrist), account ' +
      '(invitations, passwords, enrolments, follow-ups), rounds (a round opened, a slot joined ' +
      'it), reminders (to rank, to record an outcome), reports (a round’s figures)',
  })
  topic!: EmailTopic;

  @ApiProperty({
    description: 'Whether e-mails of the topic are sent; the in-app message always is',
  })
  email!: boolean;

  @ApiProperty({ description: 'Whether the user may turn it off (not offers, deadlines, account)' })
  optional!: boolean;
}

export class EmailSettingsResponse {
  @ApiProperty({ type: [EmailSettingResponse] })
  topics!: EmailSettingResponse[];
}
