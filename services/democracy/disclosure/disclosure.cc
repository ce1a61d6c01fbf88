#include "services/democracy/disclosure/disclosure.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr size_t kMaxTitle = 100;
constexpr size_t kMaxContent = 4000;
constexpr size_t kMaxObjection = 1000;
constexpr int kMaxGraceDays = 90;
constexpr int kMaxPublicityDays = 30;
constexpr int kMaxSpanYears = 5;

}  // namespace

absl::StatusOr<DisclosureItem> Disclosure::VisibleItem(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "disclosure item", field, id, &DisclosureItem::organisation_path,
      [&](absl::string_view id) { return store_.FindItem(s, id); });
}

absl::StatusOr<DisclosureCatalogueEntry> Disclosure::CreateEntry(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewCatalogueEntry& request) {
  const NewCatalogueEntry& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("entry.organisation_id",
          CheckId("entry.organisation_id", n.organisation_id));
  if (n.category == DisclosureCategory::kUnspecified)
    v.Add("entry.category", "is required");
  v.Merge("entry.title",
          CheckText("entry.title", n.title, kMaxTitle, Required::kYes));
  if (n.frequency == DisclosureFrequency::kUnspecified)
    v.Add("entry.frequency", "is required");
  if (n.grace_days < 0 || n.grace_days > kMaxGraceDays)
    v.Add("entry.grace_days", absl::StrCat("must be 0 to ", kMaxGraceDays));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef org,
                   membership_->GetOrganisation(caller, "entry.organisation_id",
                                                n.organisation_id));
  return db_->Write(
      [&](sql::Session& s) -> absl::StatusOr<DisclosureCatalogueEntry> {
        return outbox::Once(
            s, caller, idempotency, *clock_,
            [&]() -> absl::StatusOr<DisclosureCatalogueEntry> {
              DisclosureCatalogueEntry e;
              e.id = NewId();
              e.organisation_id = org.id;
              e.organisation_path = org.path;
              e.category = n.category;
              e.title = n.title;
              e.frequency = n.frequency;
              e.grace_days = n.grace_days;
              e.create_time = clock_->Now();
              RETURN_IF_ERROR(store_.InsertEntry(s, e));
              v1::DisclosureCatalogueEntry payload = ToProto(e);
              RETURN_IF_ERROR(
                  outbox::Record(s, caller, *clock_,
                                 {"democracy.disclosure_catalogue.added", e.id,
                                  e.organisation_path, &payload, ""}));
              return e;
            },
            [](const DisclosureCatalogueEntry& made) { return made.id; },
            [&](const std::string& id) {
              return outbox::MadeEarlier(store_.FindEntry(s, id));
            });
      });
}

absl::StatusOr<std::vector<DisclosureCatalogueEntry>> Disclosure::Catalogue(
    const auth::Caller& caller, absl::string_view organisation_id) {
  Violations v;
  std::string org =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(
      clients::SubtreePath(*membership_, caller, "organisation_id", org)
          .status());
  return db_->Read([&](sql::Session& s) { return store_.Catalogue(s, org); });
}

absl::StatusOr<DisclosureItem> Disclosure::Publish(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewDisclosureItem& request) {
  const NewDisclosureItem& n = request;
  const absl::CivilDay today = clock_->Today();
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("item.organisation_id",
          CheckId("item.organisation_id", n.organisation_id));
  v.Merge("item.title",
          CheckText("item.title", n.title, kMaxTitle, Required::kYes));
  v.Merge("item.content",
          CheckText("item.content", n.content, kMaxContent, Required::kYes));
  if (n.catalogue_entry_id.empty()) {
    if (n.category == DisclosureCategory::kUnspecified)
      v.Add("item.category", "is required without a catalogue entry");
    if (!n.period.empty())
      v.Add("item.period", "is only for a catalogue entry's period");
  } else {
    v.Merge("item.catalogue_entry_id",
            CheckId("item.catalogue_entry_id", n.catalogue_entry_id));
  }
  auto start =
      ParsePastDate("item.publicity_start_date", n.publicity_start_date, today);
  auto end = ParseDate("item.publicity_end_date", n.publicity_end_date);
  v.Merge("item.publicity_start_date", start.status());
  v.Merge("item.publicity_end_date", end.status());
  if (start.ok() && end.ok() &&
      (*end < *start || *end - *start >= kMaxPublicityDays)) {
    v.Add("item.publicity_end_date",
          absl::StrCat("must make a publicity period of 1 to ",
                       kMaxPublicityDays, " days"));
  }
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef org,
                   membership_->GetOrganisation(caller, "item.organisation_id",
                                                n.organisation_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<DisclosureItem> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<DisclosureItem> {
          DisclosureItem i;
          i.category = n.category;
          if (!n.catalogue_entry_id.empty()) {
            ASSIGN_OR_RETURN(std::optional<DisclosureCatalogueEntry> e,
                             store_.FindEntry(s, n.catalogue_entry_id));
            if (!e || e->organisation_id != org.id) {
              return InvalidField("item.catalogue_entry_id",
                                  "is not in the union's catalogue");
            }
            if (n.category != DisclosureCategory::kUnspecified &&
                n.category != e->category) {
              return InvalidField("item.category",
                                  "is not the catalogue entry's");
            }
            const std::optional<Schedule> schedule = ScheduleOf(e->frequency);
            if (!schedule) {
              if (!n.period.empty())
                return InvalidField("item.period",
                                    "is not kept for an entry disclosed as "
                                    "things happen");
            } else if (!ParsePeriod(*schedule, n.period)) {
              return InvalidField(
                  "item.period",
                  "must name the entry's period: 2026-07 (monthly), "
                  "2026-Q3 (quarterly) or 2026 (yearly)");
            }
            i.category = e->category;
            i.catalogue_entry_id = e->id;
            i.period = n.period;
          }
          i.id = NewId();
          i.organisation_id = org.id;
          i.organisation_path = org.path;
          i.title = n.title;
          i.content = n.content;
          i.publicity_start_date = *start;
          i.publicity_end_date = *end;
          i.create_time = clock_->Now();
          RETURN_IF_ERROR(store_.InsertItem(s, i));
          v1::DisclosureItem payload = ToProto(i, today);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"democracy.disclosure_item.published", i.id,
                              i.organisation_path, &payload, ""}));
          return i;
        },
        [](const DisclosureItem& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleItem(s, caller, "id", id);
        });
  });
}

absl::StatusOr<DisclosureItem> Disclosure::GetItem(const auth::Caller& caller,
                                                   absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleItem(s, caller, "id", id); });
}

absl::StatusOr<Page<DisclosureItem>> Disclosure::ListItems(
    const auth::Caller& caller, absl::string_view organisation_id,
    DisclosureCategory category, int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'd', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  ASSIGN_OR_RETURN(std::vector<DisclosureItem> rows,
                   db_->Read([&](sql::Session& s) {
                     return store_.ListItems(s, path, category, page.after_id(),
                                             page.limit());
                   }));
  return MakePageById(std::move(rows), page.size, 'd');
}

absl::StatusOr<DisclosureObjection> Disclosure::FileObjection(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewObjection& request) {
  const NewObjection& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("objection.item_id", CheckId("objection.item_id", n.item_id));
  auto filed =
      ParsePastDate("objection.filed_date", n.filed_date, clock_->Today());
  v.Merge("objection.filed_date", filed.status());
  v.Merge("objection.content", CheckText("objection.content", n.content,
                                         kMaxObjection, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return db_->Write(
      [&](sql::Session& s) -> absl::StatusOr<DisclosureObjection> {
        return outbox::Once(
            s, caller, idempotency, *clock_,
            [&]() -> absl::StatusOr<DisclosureObjection> {
              ASSIGN_OR_RETURN(
                  DisclosureItem i,
                  VisibleItem(s, caller, "objection.item_id", n.item_id));
              if (*filed < i.publicity_start_date ||
                  *filed > i.publicity_end_date) {
                return absl::FailedPreconditionError(absl::StrCat(
                    "objections are filed inside the publicity period, ",
                    FormatDate(i.publicity_start_date), " to ",
                    FormatDate(i.publicity_end_date)));
              }
              DisclosureObjection o;
              o.id = NewId();
              o.item_id = i.id;
              o.organisation_path = i.organisation_path;
              o.filed_date = *filed;
              o.content = n.content;
              o.create_time = clock_->Now();
              RETURN_IF_ERROR(store_.InsertObjection(s, o));
              RETURN_IF_ERROR(store_.CountObjections(s, i.id, 1, 0));
              v1::DisclosureObjection payload = ToProto(o);
              RETURN_IF_ERROR(
                  outbox::Record(s, caller, *clock_,
                                 {"democracy.disclosure_objection.filed", o.id,
                                  o.organisation_path, &payload, ""}));
              return o;
            },
            [](const DisclosureObjection& made) { return made.id; },
            [&](const std::string& id) {
              return outbox::MadeEarlier(store_.FindObjection(s, id));
            });
      });
}

absl::StatusOr<std::pair<DisclosureObjection, DisclosureItem>>
Disclosure::AnswerObjection(const auth::Caller& caller, absl::string_view id,
                            absl::string_view answer,
                            absl::string_view answered_date, bool upheld) {
  Violations v;
  v.Merge("answer", CheckText("answer", answer, kMaxObjection, Required::kYes));
  auto date = ParsePastDate("answered_date", answered_date, clock_->Today());
  v.Merge("answered_date", date.status());
  RETURN_IF_ERROR(v.Status());
  using Answered = std::pair<DisclosureObjection, DisclosureItem>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Answered> {
    ASSIGN_OR_RETURN(DisclosureObjection o,
                     auth::FindVisible(caller, "objection", "id", id,
                                       &DisclosureObjection::organisation_path,
                                       [&](absl::string_view id) {
                                         return store_.FindObjection(s, id);
                                       }));
    if (o.answered)
      return absl::FailedPreconditionError("the objection is answered already");
    if (*date < o.filed_date)
      return InvalidField("answered_date", "is before the objection");
    o.answered = true;
    o.answer = std::string(answer);
    o.answered_date = *date;
    o.upheld = upheld;
    RETURN_IF_ERROR(store_.AnswerObjection(s, o));
    RETURN_IF_ERROR(store_.CountObjections(s, o.item_id, 0, 1));
    ASSIGN_OR_RETURN(DisclosureItem i, VisibleItem(s, caller, "id", o.item_id));
    v1::DisclosureObjection payload = ToProto(o);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"democracy.disclosure_objection.answered", o.id, o.organisation_path,
         &payload, upheld ? "upheld" : "not upheld"}));
    return Answered{o, i};
  });
}

absl::StatusOr<std::vector<DisclosureObjection>> Disclosure::ListObjections(
    const auth::Caller& caller, absl::string_view item_id) {
  return db_->Read(
      [&](sql::Session& s) -> absl::StatusOr<std::vector<DisclosureObjection>> {
        ASSIGN_OR_RETURN(DisclosureItem i,
                         VisibleItem(s, caller, "item_id", item_id));
        return store_.ListObjections(s, i.id);
      });
}

absl::StatusOr<DisclosureCompleteness> Disclosure::Completeness(
    const auth::Caller& caller, absl::string_view organisation_id,
    absl::string_view from_date, absl::string_view to_date) {
  Violations v;
  v.Merge("organisation_id", CheckId("organisation_id", organisation_id));
  auto from = ParseDate("from_date", from_date);
  auto to = ParseDate("to_date", to_date);
  v.Merge("from_date", from.status());
  v.Merge("to_date", to.status());
  if (from.ok() && to.ok() &&
      (*to < *from || *to > YearsAfter(*from, kMaxSpanYears))) {
    v.Add("to_date", absl::StrCat("must be on or after from_date, within ",
                                  kMaxSpanYears, " years"));
  }
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      clients::OrganisationRef org,
      membership_->GetOrganisation(caller, "organisation_id", organisation_id));
  // Only what has fallen due by today counts.
  const absl::CivilDay until = std::min(*to, clock_->Today());
  return db_->Read(
      [&](sql::Session& s) -> absl::StatusOr<DisclosureCompleteness> {
        DisclosureCompleteness c;
        ASSIGN_OR_RETURN(std::vector<DisclosureCatalogueEntry> entries,
                         store_.Catalogue(s, org.id));
        for (const DisclosureCatalogueEntry& e : entries) {
          // A line counts from the day it entered the catalogue.
          const absl::CivilDay added =
              absl::ToCivilDay(e.create_time, BeijingTime());
          std::optional<Schedule> schedule = ScheduleOf(e.frequency);
          if (!schedule) continue;
          std::vector<Period> due = PeriodsDue(*schedule, e.grace_days,
                                               std::max(*from, added), until);
          if (due.empty()) continue;
          ASSIGN_OR_RETURN(auto first, store_.FirstDisclosures(s, e.id));
          std::map<std::string, absl::CivilDay> disclosed(first.begin(),
                                                          first.end());
          for (const Period& p : due) {
            DisclosureDue d;
            d.catalogue_entry_id = e.id;
            d.title = e.title;
            d.period = p.key;
            d.due_date = p.last_day + e.grace_days;
            auto found = disclosed.find(p.key);
            if (found != disclosed.end()) d.disclosed_date = found->second;
            d.on_time = d.disclosed_date && *d.disclosed_date <= d.due_date;
            ++c.due;
            if (d.on_time) {
              ++c.on_time;
            } else if (d.disclosed_date) {
              ++c.late;
            } else {
              ++c.missing;
            }
            c.periods.push_back(std::move(d));
          }
        }
        std::stable_sort(c.periods.begin(), c.periods.end(),
                         [](const DisclosureDue& a, const DisclosureDue& b) {
                           return a.due_date < b.due_date;
                         });
        return c;
      });
}

}  // namespace unionhub::democracy
