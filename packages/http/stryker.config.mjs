import { strykerConfig } from '../../stryker.preset.mjs';

export default strykerConfig(import.meta.dirname);
