/** The in-memory submission outbox and control number counters pass the suites the DynamoDB stores pass. */
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { controlNumberCountersConformance } from './conformance/control-number-counters.ts';
import { submissionRecordsConformance } from './conformance/submission-records.ts';

const records = new InMemorySubmissionRecords();
const counters = new InMemoryControlNumberCounters();

submissionRecordsConformance('in memory', () => records);
controlNumberCountersConformance('in memory', () => counters);
