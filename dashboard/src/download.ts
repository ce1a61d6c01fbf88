// Files the browser saves: the reporting service's exports (the pieces it
// streams, put together) and what the page makes itself (the .docx).
import { type ExportChunk, ExportFormat } from "@gen/unionhub/reporting/v1/exports_pb";
import { explain } from "./api";
import { h, replace } from "./dom";

export async function saveExport(stream: AsyncIterable<{ chunk?: ExportChunk }>): Promise<void> {
  const parts: Uint8Array[] = [];
  let name = "export";
  let type = "application/octet-stream";
  for await (const { chunk } of stream) {
    if (!chunk) continue;
    if (chunk.fileName) name = chunk.fileName;
    if (chunk.contentType) type = chunk.contentType;
    parts.push(chunk.data);
  }
  saveBlob(new Blob(parts as BlobPart[], { type }), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const a = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

// "Excel" and "CSV" buttons for one export, with a line saying what failed.
export function exportButtons(
  what: string,
  stream: (format: ExportFormat) => AsyncIterable<{ chunk?: ExportChunk }>,
): HTMLElement {
  const message = h("span", { class: "error", role: "alert" });
  const button = (format: ExportFormat, label: string) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        "data-export": `${what}:${ExportFormat[format].toLowerCase()}`,
        onclick: async () => {
          replace(message, "");
          try {
            await saveExport(stream(format));
          } catch (e) {
            replace(message, explain(e));
          }
        },
      },
      label,
    );
  return h("span", { class: "exports" }, button(ExportFormat.XLSX, "导出 Excel"), button(ExportFormat.CSV, "CSV"), message);
}
