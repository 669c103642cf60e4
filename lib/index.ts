export { ElastiCacheRedis } from "./redis";
export type { ElastiCacheRedisOptions } from "./redis";
export type { ClusterModeConfig, ElastiCacheRedisProps } from "./props";
export { InvalidInputsError } from "./validation";
export { INPUTS } from "./inputs";
export { OUTPUTS } from "./outputs";
export { ALARMS } from "./alarms";
export { ADDRESSES } from "./addresses";
export { RedisModuleStack } from "./module-stack";
