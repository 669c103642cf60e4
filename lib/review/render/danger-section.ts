/** The DANGER section: what applying the plan loses, one block per kind of loss. */
import { code } from "../../text/markdown";
import type { Danger, Loss, Role } from "../classify";
import { formatPath } from "../values";
import { INLINE_TARGETS, MAX_DANGER_TARGETS } from "./limits";
import { argument, capped, inWords, reasonText, shown } from "./values";

export const DANGER_HEADING = "## ⛔ DANGER";

/** How a danger names what it loses: one of them, and several. */
const ROLE_NAMES: Readonly<Record<Role, { one: string; many: string }>> = {
  cluster: { one: "the Redis cluster", many: "Redis clusters" },
  "subnet group": { one: "the Redis cluster's subnet group", many: "subnet groups of Redis clusters" },
  "security group": { one: "the Redis cluster's security group", many: "security groups of Redis clusters" },
  "snapshot bucket": { one: "the bucket of snapshot copies", many: "buckets of snapshot copies" },
};

const verb = (kind: Danger["kind"]) => (kind === "replace" ? "replaces" : "destroys");
const participle = (kind: Danger["kind"]) => (kind === "replace" ? "replaced" : "destroyed");
const counted = (role: Role, n: number) => (n === 1 ? ROLE_NAMES[role].one : `${n} ${ROLE_NAMES[role].many}`);

function dangerHeading(dangers: readonly Danger[]): string {
  const phrases = new Map<string, number>();
  for (const d of dangers) phrases.set(`${d.kind}:${d.role}`, (phrases.get(`${d.kind}:${d.role}`) ?? 0) + 1);
  const listed = [...phrases].map(([key, n]) => {
    const [kind, role] = key.split(":") as [Danger["kind"], Role];
    return `${verb(kind)} ${counted(role, n)}`;
  });
  return `${DANGER_HEADING}: this plan ${inWords(listed)}`;
}

/** Why, when no argument forces it: taint, `-replace`, removed configuration... A destroy plan gives no code. */
function why(d: Danger): string {
  const otherwise = d.kind === "delete" ? "the plan destroys it (a destroy plan, or its configuration was removed)" : "the provider requires it";
  return reasonText(d.actionReason) ?? otherwise;
}

/** What a loss means for this role and kind, in words a reviewer acts on. */
function lossText(loss: Loss, d: Danger): string {
  switch (loss) {
    case "data":
      return d.kind === "replace"
        ? "**All data in the cache.** The new cluster starts empty unless it is restored from a snapshot (`snapshot_name` or `snapshot_arn`)."
        : "**All data in the cache.** Nothing of it remains after the apply.";
    case "snapshots":
      return "**Its automatic snapshots**, which AWS deletes with the cluster: take a manual snapshot first if the data matters.";
    case "endpoints":
      return d.kind === "replace"
        ? "**The endpoint addresses.** The primary, reader and configuration endpoints go away with the old cluster and are only known after apply for the new one: clients are cut off until it is up, and must be given the new addresses where they differ."
        : "**The endpoint addresses.** The primary, reader and configuration endpoints stop resolving.";
    case "cluster":
      return "**Possibly the cluster itself.** A cluster cannot move to another subnet group in place: a new subnet group name replaces the cluster, losing its data and endpoint addresses.";
    case "clean-apply":
      if (d.role === "snapshot bucket") {
        return "**A clean apply.** S3 refuses to delete a bucket that holds objects (Terraform may not empty it), so the apply stops there until someone empties it: keep the bucket out of the plan instead if the copies matter.";
      }
      return d.role === "security group"
        ? "**A clean apply.** AWS refuses to delete a security group the cluster's network interfaces still use, so the apply can fail or hang halfway."
        : "**A clean apply.** AWS refuses to delete a subnet group a cluster still uses, so the apply can fail halfway.";
    case "copies":
      return "**The cache's snapshot copies it holds**, the way back to the cache's data from outside its account: once the bucket is emptied for this apply, they are gone.";
    case "connectivity":
      return "**Client connectivity.** Clients reach the cluster through this group: until the cluster uses the new group and its rules exist, connections are refused.";
  }
}

/** Dangers that read alike (same role, kind and cause) go together: 60 clusters replaced by one change read as one. */
function dangerGroups(dangers: readonly Danger[]): Danger[][] {
  const groups = new Map<string, Danger[]>();
  for (const d of dangers) {
    // A forcing argument is the cause: Terraform's reason code only when there is none.
    const cause = d.forcedBy.length > 0 ? d.forcedBy.map((f) => `${formatPath(f.path)}:${shown(f.before)}:${shown(f.after)}`).join(";") : why(d);
    const key = [d.role, d.kind, d.deleteFirst, cause].join("|");
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

const endpointList = (d: Danger) => d.endpoints.map((e) => `${e.role} ${shown(e.address)}`).join(", ");

/** The name AWS knows it by (when the plan has it), then where the plan has it. */
const target = (d: Danger) =>
  d.name.kind === "value" && d.name.text === "null" ? code(d.address) : `${shown(d.name)} (${code(d.address)})`;

/** One line per object of a group: its name and address, the endpoints clients use now. */
function dangerTarget(d: Danger): string {
  const endpoints = d.endpoints.length > 0 ? `: ${endpointList(d)}` : "";
  return `- ${target(d)}${endpoints}`;
}

function renderDangerGroup(group: readonly Danger[], maxTargets: number): string[] {
  const [first] = group;
  const title =
    group.length === 1
      ? `### ${ROLE_NAMES[first.role].one[0].toUpperCase()}${ROLE_NAMES[first.role].one.slice(1)} ${target(first)} is ${participle(first.kind)}`
      : `### ${counted(first.role, group.length)} are ${participle(first.kind)}`;
  const lines = [title, ""];
  if (first.forcedBy.length > 0) {
    const plural = first.forcedBy.length > 1;
    lines.push(`Forced by ${plural ? "these arguments, which" : "this argument, which"} cannot change in place:`, "");
    for (const f of first.forcedBy) lines.push(`- ${argument(f.path)}: ${shown(f.before)} -> ${shown(f.after)}`);
  } else {
    lines.push(`Why: ${why(first)}.`);
  }
  if (first.kind === "replace" && first.role === "cluster") {
    lines.push(
      "",
      first.deleteFirst
        ? "The old cluster is destroyed before the new one exists: **downtime starts with the apply** and lasts until the new cluster is available."
        : "The new cluster is created before the old one is destroyed, but it starts empty and at new endpoint addresses.",
    );
  }
  // The cluster's data is certainly gone; what hangs on its subnet and security group is at risk.
  const stake = first.role === "cluster" ? "Lost" : "At risk";
  lines.push("", `${stake} when this plan is applied:`, "", ...first.losses.map((loss) => `- ${lossText(loss, first)}`));
  if (group.length === 1) {
    if (first.endpoints.length > 0) lines.push("", `Its endpoints now: ${endpointList(first)}.`);
  } else {
    const noun = first.role === "cluster" ? "clusters" : `${first.role}s`;
    const targets = capped(group.map(dangerTarget), maxTargets, noun);
    lines.push(
      "",
      ...(group.length <= INLINE_TARGETS
        ? [`The ${noun}:`, "", ...targets]
        : [`<details><summary>The ${group.length} ${noun}</summary>`, "", ...targets, "", "</details>"]),
    );
  }
  return lines;
}

/** @param maxTargets how many objects of a group are listed; the rest are counted (a comment of many units lists fewer). */
export function renderDangers(dangers: readonly Danger[], maxTargets = MAX_DANGER_TARGETS): string[] {
  if (dangers.length === 0) return [];
  return [
    dangerHeading(dangers),
    "",
    "> [!CAUTION]",
    "> Applying this plan loses data or breaks the cache's clients. Do not apply it unless that is intended and a snapshot has been taken.",
    "",
    ...dangerGroups(dangers).flatMap((group) => [...renderDangerGroup(group, maxTargets), ""]),
  ];
}