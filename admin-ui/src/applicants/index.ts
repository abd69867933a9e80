export { ApplicantPanel } from './ApplicantPanel';
