// Repository of disclosure catalogues, items and objections. An item's
// objection counts move in the objection's own transaction.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class DisclosureStore final {
 public:
  absl::StatusOr<std::optional<DisclosureCatalogueEntry>> FindEntry(
      sql::Session& s, absl::string_view id);
  absl::Status InsertEntry(sql::Session& s, const DisclosureCatalogueEntry& e);
  absl::StatusOr<std::vector<DisclosureCatalogueEntry>> Catalogue(
      sql::Session& s, absl::string_view organisation_id);

  absl::StatusOr<std::optional<DisclosureItem>> FindItem(sql::Session& s,
                                                         absl::string_view id);
  absl::Status InsertItem(sql::Session& s, const DisclosureItem& i);
  absl::StatusOr<std::vector<DisclosureItem>> ListItems(
      sql::Session& s, absl::string_view under_path,
      DisclosureCategory category, absl::string_view before_id, int limit);
  // The first day each period of the entry was disclosed.
  absl::StatusOr<std::vector<std::pair<std::string, absl::CivilDay>>>
  FirstDisclosures(sql::Session& s, absl::string_view catalogue_entry_id);
  // Moves the item's counts: `filed` new objections, `answered` answered.
  absl::Status CountObjections(sql::Session& s, absl::string_view item_id,
                               int filed, int answered);

  absl::StatusOr<std::optional<DisclosureObjection>> FindObjection(
      sql::Session& s, absl::string_view id);
  absl::Status InsertObjection(sql::Session& s, const DisclosureObjection& o);
  absl::Status AnswerObjection(sql::Session& s, const DisclosureObjection& o);
  absl::StatusOr<std::vector<DisclosureObjection>> ListObjections(
      sql::Session& s, absl::string_view item_id);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_STORE_H_
