// What the exports put in a file: figures, a league table, the children's
// statistics forms, each read as the caller may read them.
#ifndef UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORTS_H_
#define UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORTS_H_

#include <string>
#include <vector>

#include "services/reporting/exports/table.h"
#include "services/reporting/figures/figures.h"
#include "services/reporting/statistics/statistics.h"

namespace unionhub::reporting {

enum class ExportFormat { kXlsx, kCsv };

struct ExportFile {
  std::string file_name;
  std::string content_type;
  std::string bytes;
};

class Exports final {
 public:
  Exports(Figures* figures, Statistics* statistics)
      : figures_(figures), statistics_(statistics) {}

  absl::StatusOr<ExportFile> FiguresFile(const auth::Caller& caller,
                                         const std::string& organisation_id,
                                         int year, YearKind kind,
                                         const std::vector<std::string>& codes,
                                         ExportFormat format);
  absl::StatusOr<ExportFile> LeagueTableFile(const auth::Caller& caller,
                                             const std::string& organisation_id,
                                             const std::string& code, int year,
                                             YearKind kind,
                                             ExportFormat format);
  absl::StatusOr<ExportFile> StatisticsFormsFile(
      const auth::Caller& caller, const std::string& organisation_id, int year,
      ExportFormat format);

 private:
  Figures* figures_;
  Statistics* statistics_;
};

// The file of `table` in `format`, named `name` plus the extension.
absl::StatusOr<ExportFile> WriteFile(const Table& table,
                                     const std::string& name,
                                     ExportFormat format);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORTS_H_
