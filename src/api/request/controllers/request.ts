import { createCaseController } from '../../../lib/case-controller';

export default createCaseController('request');
