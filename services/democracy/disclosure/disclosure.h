// Disclosure (校务公开 / 厂务公开). Each union keeps a catalogue of what it
// must disclose and how often (monthly, quarterly, yearly, or as it happens)
// with a grace period after each period, counted from the day the line
// entered the catalogue. An item is disclosed for a
// publicity period of 1 to 30 days; objections are filed inside it and each
// is answered; an item is final only once its window has closed with no
// objection open. Completeness for a union and a span of days counts the
// scheduled periods that fell due in it and those disclosed by their due date.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_H_

#include <string>
#include <utility>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/disclosure/disclosure_store.h"

namespace unionhub::democracy {

struct NewCatalogueEntry {
  std::string organisation_id;
  DisclosureCategory category = DisclosureCategory::kUnspecified;
  std::string title;
  DisclosureFrequency frequency = DisclosureFrequency::kUnspecified;
  int grace_days = 0;
};

struct NewDisclosureItem {
  std::string organisation_id;
  DisclosureCategory category = DisclosureCategory::kUnspecified;
  std::string title;
  std::string content;
  std::string catalogue_entry_id;
  std::string period;
  std::string publicity_start_date;
  std::string publicity_end_date;
};

struct NewObjection {
  std::string item_id;
  std::string filed_date;
  std::string content;
};

class Disclosure final {
 public:
  Disclosure(sql::Database* db, clients::MembershipClient* membership,
             const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<DisclosureCatalogueEntry> CreateEntry(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewCatalogueEntry& request);
  absl::StatusOr<std::vector<DisclosureCatalogueEntry>> Catalogue(
      const auth::Caller& caller, absl::string_view organisation_id);
  absl::StatusOr<DisclosureItem> Publish(const auth::Caller& caller,
                                         const outbox::RequestKey& idempotency,
                                         const NewDisclosureItem& request);
  absl::StatusOr<DisclosureItem> GetItem(const auth::Caller& caller,
                                         absl::string_view id);
  absl::StatusOr<Page<DisclosureItem>> ListItems(
      const auth::Caller& caller, absl::string_view organisation_id,
      DisclosureCategory category, int page_size, absl::string_view page_token);
  absl::StatusOr<DisclosureObjection> FileObjection(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewObjection& request);
  absl::StatusOr<std::pair<DisclosureObjection, DisclosureItem>>
  AnswerObjection(const auth::Caller& caller, absl::string_view id,
                  absl::string_view answer, absl::string_view answered_date,
                  bool upheld);
  absl::StatusOr<std::vector<DisclosureObjection>> ListObjections(
      const auth::Caller& caller, absl::string_view item_id);
  absl::StatusOr<DisclosureCompleteness> Completeness(
      const auth::Caller& caller, absl::string_view organisation_id,
      absl::string_view from_date, absl::string_view to_date);

 private:
  absl::StatusOr<DisclosureItem> VisibleItem(sql::Session& s,
                                             const auth::Caller& caller,
                                             absl::string_view field,
                                             absl::string_view id);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  DisclosureStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_H_
