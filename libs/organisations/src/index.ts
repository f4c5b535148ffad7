export * from './dto/organisation.dto';
export * from './focus-areas';
export * from './organisation-queries';
export * from './organisations.module';
export * from './organisations.service';
export * from './programme-cells';
export * from './programmes.service';
export * from './organisations-table';
