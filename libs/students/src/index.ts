export * from './dto/student.dto';
export * from './roster-import';
export * from './student-view';
export * from './student.entity';
export * from './students.module';
export * from './students.service';
