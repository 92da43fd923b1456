import { routeHandler } from "@/server/http/route-handler";
import { BadRequestError } from "@/server/use-case-errors";
import { exportOnTimeReport, ON_TIME_EXPORT_FORMATS, type OnTimeExportFormat } from "@/server/reports/export-on-time-report";

const isFormat = (value: string | null): value is OnTimeExportFormat => ON_TIME_EXPORT_FORMATS.some((format) => format === value);

/** GET ?format=csv|pdf&period=2026A (or &from=YYYY-MM-DD&to=YYYY-MM-DD): the on-time report as a file. */
export const GET = routeHandler(async ({ actor, request, requestId }) => {
  const query = new URL(request.url).searchParams;
  const format = query.get("format");
  if (!isFormat(format)) throw new BadRequestError("Choose format csv or pdf.");
  const { period, from, to } = Object.fromEntries(query);
  const file = await exportOnTimeReport(actor, { period, from, to }, format, { requestId });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
