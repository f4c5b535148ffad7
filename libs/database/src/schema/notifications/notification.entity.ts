import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message shown in the web app, rendered in the recipient's language when it was delivered. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('uuid', { nullable: true })
  outboxId!: string | null;

  @Column('text')
  event!: string;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @Column('text', { nullable: true })
  link!: string | null;

  @Column('timestamptz', { nullable: true })
  readAt!: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
