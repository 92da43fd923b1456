import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import type { PacketSource } from "@/domain/packet";
import { ncmecGaps } from "@/lib/ncmec-checklist";
import { RISKS, STEPS, type FormStepKey } from "@/lib/schemas/episode-steps";
import { loadEpisode, savedStepValues } from "@/server/episodes/episode-record";

/** Every information step must be saved for a final packet; the NCMEC step records its outcome. */
const PACKET_STEPS: FormStepKey[] = ["child", "missing-event", "description", "risks", "contacts", "law-enforcement", "guardian"];

/** Loads everything the packet needs, through the agency scope (another agency's episode is not found). */
export async function loadPacketSource(tx: Tx, actor: Actor, episodeId: string): Promise<PacketSource> {
  const record = await loadEpisode(tx, actor, episodeId);
  const saved = savedStepValues(record);
  const scope = agencyScope(actor);
  const photos = await tx.photo.findMany({
    where: { episodeId: record.id, agencyId: scope.agencyId },
    orderBy: { uploadedAt: "asc" },
    select: { id: true, takenOn: true, displayJpeg: true, displayWidth: true, displayHeight: true, attestedById: true, attestedAt: true, attestationText: true },
  });
  const people = await tx.user.findMany({ where: scope.where({ id: { in: photos.map((p) => p.attestedById) } }), select: { id: true, name: true } });
  const earlier = await tx.episode.findMany({
    where: scope.where({ childId: record.child.id, id: { not: record.id }, createdAt: { lt: record.createdAt } }),
    orderBy: { createdAt: "asc" },
    select: { discoveredAt: true, lastSeenAt: true, missingEvent: true, closedAt: true },
  });

  const child = saved.child ?? {
    firstName: record.child.firstName,
    middleName: record.child.middleName ?? "",
    lastName: record.child.lastName,
    aliases: "",
    dateOfBirth: record.child.dateOfBirth.toISOString().slice(0, 10),
    sex: "",
    races: [],
    ethnicity: "",
    agencyCaseNumber: record.child.agencyCaseNumber,
    legalStatus: "",
    custodyDetails: "",
  };
  const missingEvent = saved["missing-event"];
  const unsaved = PACKET_STEPS.filter((key) => !record.completedSteps.includes(key));
  const missingItems = [
    ...unsaved.map((key) => `Step not completed: ${STEPS.find((s) => s.key === key)!.title}`),
    ...ncmecGaps(saved, photos.length).map((gap) => gap.item),
  ];
  const le = record.lawEnforcementReport;
  return {
    agency: { name: record.agency.name, timeZone: record.agency.timeZone },
    episode: { id: record.id, discoveredAt: record.discoveredAt, lastSeenAt: record.lastSeenAt },
    child: { ...child, races: [...child.races] },
    missingEvent: missingEvent
      ? {
          lastSeenPlace: missingEvent.lastSeenPlace,
          lastSeenCity: missingEvent.lastSeenCity ?? "",
          circumstances: missingEvent.circumstances,
          clothing: missingEvent.clothing,
          possibleDestinations: missingEvent.possibleDestinations,
          hasRunBefore: missingEvent.hasRunBefore,
        }
      : null,
    description: saved.description,
    risks: saved.risks ? RISKS.map((risk) => ({ label: risk.label, present: saved.risks![risk.key].present, details: saved.risks![risk.key].details })) : null,
    contacts: saved.contacts,
    guardian: saved.guardian,
    lawEnforcement: le
      ? {
          outcome: le.outcome,
          agencyName: le.agencyName,
          phone: le.phone,
          officerName: le.officerName,
          badgeNumber: le.badgeNumber,
          caseNumber: le.caseNumber,
          reportedAt: le.reportedAt,
          ncicEntered: le.ncicEntered,
          ncicNumber: le.ncicNumber,
          refusedBy: le.refusedBy,
          refusalStatement: le.refusalStatement,
          lateReason: le.lateReason,
        }
      : null,
    ncmec: record.ncmecReport
      ? { reportedAt: record.ncmecReport.reportedAt, method: record.ncmecReport.method, ncmecCaseNumber: record.ncmecReport.ncmecCaseNumber, contactName: record.ncmecReport.contactName }
      : null,
    photos: photos.map((p) => ({
      id: p.id,
      takenOn: p.takenOn.toISOString().slice(0, 10),
      width: p.displayWidth,
      height: p.displayHeight,
      jpegBase64: Buffer.from(p.displayJpeg).toString("base64"),
      attestedBy: people.find((u) => u.id === p.attestedById)?.name ?? "Unknown",
      attestedAt: p.attestedAt,
      attestationText: p.attestationText,
    })),
    earlierEpisodes: earlier.map((e) => ({
      discoveredAt: e.discoveredAt,
      lastSeenAt: e.lastSeenAt,
      circumstances: (e.missingEvent as { circumstances?: string } | null)?.circumstances ?? "",
      closedAt: e.closedAt,
    })),
    missingItems,
    complete: unsaved.length === 0,
  };
}
