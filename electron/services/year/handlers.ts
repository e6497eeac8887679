// The year domain's service functions, by contract method (spread into api/registry.ts).
import * as centreLists from './centre-lists.js';
import * as copy from './copy.js';
import * as days from './days.js';
import * as enrolments from './enrolments.js';
import * as groups from './groups.js';
import * as guardians from './guardians.js';
import * as importer from './import/index.js';
import * as lists from './lists.js';
import * as load from './load.js';
import * as movements from './movements.js';
import * as overview from './overview.js';
import * as plans from './plans.js';
import * as programmes from './programmes.js';
import * as students from './students.js';
import * as subgroups from './subgroups.js';
import * as subjects from './subjects.js';
import * as timetable from './timetable.js';
import * as years from './years.js';

export const yearHandlers = {
  'years.list': years.list,
  'years.overview': overview.overview,
  'years.create': years.create,
  'years.update': years.update,
  'years.close': years.close,
  'years.reopen': years.reopen,
  'years.copyPreview': copy.copyPreview,
  'years.copyApply': copy.copyApply,
  'periods.setLocked': years.setPeriodLocked,
  'holidays.list': days.listHolidays,
  'holidays.add': days.addHolidays,
  'holidays.remove': days.removeHolidays,
  'bells.list': days.listBells,
  'bells.save': days.saveBells,
  'departments.list': groups.listDepartments,
  'departments.save': groups.saveDepartment,
  'departments.remove': groups.removeDepartment,
  'groups.list': groups.listGroups,
  'groups.create': groups.createGroup,
  'groups.update': groups.updateGroup,
  'groups.remove': groups.removeGroup,
  'groups.staffOptions': groups.staffOptions,
  'subgroups.save': subgroups.saveSubgroup,
  'subgroups.remove': subgroups.removeSubgroup,
  'subjects.list': subjects.listSubjects,
  'subjects.save': subjects.saveSubject,
  'subjects.remove': subjects.removeSubject,
  'journals.list': load.listLoad,
  'journals.create': load.createLoad,
  'journals.update': load.updateLoad,
  'journals.remove': load.removeLoad,
  'plans.get': plans.getPlan,
  'plans.save': plans.savePlan,
  'plans.copy': plans.copyPlan,
  'programmes.list': programmes.listProgrammes,
  'programmes.save': programmes.saveProgramme,
  'timetable.list': timetable.listTimetable,
  'timetable.save': timetable.saveEntry,
  'timetable.remove': timetable.removeEntry,
  'timetable.clashes': timetable.listClashes,
  'students.list': students.listStudents,
  'students.get': students.getStudent,
  'students.search': students.searchStudents,
  'students.create': students.createStudent,
  'students.update': students.updateStudent,
  'guardians.save': guardians.saveGuardian,
  'guardians.remove': guardians.removeGuardian,
  'groups.mine': centreLists.myGroups,
  'enrolments.enrolChild': centreLists.enrolChild,
  'enrolments.admit': enrolments.admit,
  'enrolments.transfer': enrolments.transfer,
  'enrolments.withdraw': enrolments.withdraw,
  'enrolments.undo': enrolments.undo,
  'enrolments.movements': movements.movements,
  'enrolments.movementsXlsx': movements.movementsXlsx,
  'import.start': importer.start,
  'lists.template': lists.template,
  'lists.export': lists.exportList,
};
