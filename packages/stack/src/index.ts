export { StackPlugin } from './stack-plugin';
export { INSPECTION_PARAMS, UNSET_JWT_ISSUER } from './jwt-issuer';
