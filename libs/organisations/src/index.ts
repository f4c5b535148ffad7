export * from './dto/organisation.dto';
export * from './focus-areas';
export * from './organisation.entity';
export * from './organisations.module';
export * from './organisations.service';
export * from './programme.entity';
export * from './programmes.service';
