import { AccountsModule, AccountsService } from '@app/accounts';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queues';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { boardAuth } from './board-auth.middleware';
import { BOARD_PATH } from './board-session';
import { BoardSessionController } from './board-session.controller';

/** bull-board at /admin/queues (outside the /api prefix), for admins only. */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [AccountsModule],
      inject: [AccountsService, AppConfig],
      useFactory: (accounts: AccountsService, config: AppConfig) => ({
        route: BOARD_PATH,
        adapter: ExpressAdapter,
        middleware: boardAuth(accounts, config),
        boardOptions: { uiConfig: { boardTitle: 'Biotekbyen Match' } },
      }),
    }),
    BullBoardModule.forFeature(
      ...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter })),
    ),
  ],
  controllers: [BoardSessionController],
})
export class QueueBoardModule {}
