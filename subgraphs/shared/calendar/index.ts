export { FIRST_YEAR, LAST_YEAR, WorkingDayCalendar, loadArrangement } from './working-days';
export type { HolidayArrangement, WorkingDayDue } from './working-days';
