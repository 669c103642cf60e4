export { ElastiCacheRedis } from "./redis";
export type { ElastiCacheRedisProps, ClusterModeConfig } from "./inputs";
export { INPUTS } from "./inputs";
export { OUTPUTS } from "./outputs";
export { ALARMS } from "./alarms";
export { ADDRESSES } from "./addresses";
export { RedisModuleStack } from "./module-stack";
