#include "services/membership/model_workers/model_workers.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/paging.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/scope.h"

namespace unionhub::membership {
namespace {

constexpr int kFirstAwardYear =
    1950;  // The first national model workers' conference.

void CheckFields(Violations& v, const std::optional<ModelWorkerLevel>& level,
                 const std::optional<std::string>& title,
                 const std::optional<int>& award_year,
                 const std::optional<std::vector<HardshipCause>>& causes,
                 const std::optional<std::string>& notes, int this_year) {
  if (level && (*level < ModelWorkerLevel::kNational ||
                *level > ModelWorkerLevel::kCity)) {
    v.Add("model_worker.level", "is required");
  }
  if (title) {
    v.Merge("model_worker.title",
            CheckText("model_worker.title", *title, 50, Required::kYes));
  }
  if (award_year &&
      (*award_year < kFirstAwardYear || *award_year > this_year)) {
    v.Add("model_worker.award_year",
          absl::StrCat("must be a year from ", kFirstAwardYear, " to ",
                       this_year));
  }
  if (causes) {
    std::set<HardshipCause> seen;
    for (HardshipCause c : *causes) {
      if (c < HardshipCause::kIllness || c > HardshipCause::kOther) {
        v.Add("model_worker.hardship_causes", "holds an unknown cause");
      } else if (!seen.insert(c).second) {
        v.Add("model_worker.hardship_causes", "names a cause twice");
      }
    }
  }
  if (notes) {
    v.Merge("model_worker.notes",
            CheckText("model_worker.notes", *notes, 1000, Required::kNo, true));
  }
}

absl::Status TitleTaken(const absl::Status& s) {
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(
        "the member already has this title in the archive");
  }
  return s;
}

}  // namespace

absl::StatusOr<ModelWorker> ModelWorkers::Visible(sql::Session& s,
                                                  const auth::Caller& caller,
                                                  absl::string_view id) {
  return auth::FindVisible(
      caller, "model worker record", "id", id, &ModelWorker::organisation_path,
      [&](absl::string_view id) { return archive_.Find(s, id); });
}

absl::StatusOr<ModelWorker> ModelWorkers::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewModelWorker& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("model_worker.member_id",
          CheckId("model_worker.member_id", request.member_id));
  CheckFields(v, request.level, request.title, request.award_year,
              request.hardship_causes, request.notes, clock_->Today().year());
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<ModelWorker> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<ModelWorker> {
          ModelWorker w;
          ASSIGN_OR_RETURN(Member m, VisibleMember(*store_, s, caller,
                                                   "model_worker.member_id",
                                                   request.member_id));
          if (!HoldsMembership(m.status)) {
            return absl::FailedPreconditionError(
                "the archive keeps active and retired members; this membership "
                "has "
                "ended");
          }
          w.id = NewId();
          w.member_id = m.id;
          w.person_id = m.person_id;
          w.member_name = m.name;
          w.organisation_id = m.organisation_id;
          w.organisation_path = m.organisation_path;
          w.level = request.level;
          w.title = request.title;
          w.award_year = request.award_year;
          w.hardship_causes = request.hardship_causes;
          w.notes = request.notes;
          w.create_time = w.update_time = clock_->Now();
          w.etag = NewId();
          RETURN_IF_ERROR(TitleTaken(archive_.Insert(s, w)));
          v1::ModelWorker payload = ToProto(w);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"membership.model_worker.created", w.id,
                              w.organisation_path, &payload, w.title}));
          return w;
        },
        [](const ModelWorker& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, id); });
  });
}

absl::StatusOr<ModelWorker> ModelWorkers::Get(const auth::Caller& caller,
                                              absl::string_view id) {
  return db_->Read([&](sql::Session& s) { return Visible(s, caller, id); });
}

absl::StatusOr<Page<ModelWorker>> ModelWorkers::List(
    const auth::Caller& caller, const ModelWorkerQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'w', 2);
  std::string root_id =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  RETURN_IF_ERROR(v.Status());
  ModelWorkerFilter f;
  if (!page.after.empty()) {
    f.after_name = page.after[0];
    f.after_id = page.after[1];
  }
  f.level = query.level;
  f.only_in_hardship = query.only_in_hardship;
  f.limit = page.limit();
  std::vector<ModelWorker> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation org,
        VisibleOrganisation(*store_, s, caller, "organisation_id", root_id));
    f.under_path = org.path;
    ASSIGN_OR_RETURN(rows, archive_.List(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'w', [](const ModelWorker& w) {
    return std::vector<std::string>{w.member_name, w.id};
  });
}

absl::StatusOr<ModelWorker> ModelWorkers::Update(const auth::Caller& caller,
                                                 absl::string_view id,
                                                 const ModelWorkerPatch& patch,
                                                 absl::string_view etag) {
  Violations v;
  CheckFields(v, patch.level, patch.title, patch.award_year,
              patch.hardship_causes, patch.notes, clock_->Today().year());
  if (!patch.level && !patch.title && !patch.award_year &&
      !patch.hardship_causes && !patch.notes) {
    v.Add("update_mask", "names no field to change");
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<ModelWorker> {
    ASSIGN_OR_RETURN(ModelWorker w, Visible(s, caller, id));
    RETURN_IF_ERROR(CheckEtag(etag, w.etag));
    if (patch.level) w.level = *patch.level;
    if (patch.title) w.title = *patch.title;
    if (patch.award_year) w.award_year = *patch.award_year;
    if (patch.hardship_causes) w.hardship_causes = *patch.hardship_causes;
    if (patch.notes) w.notes = *patch.notes;
    w.update_time = clock_->Now();
    w.etag = NewId();
    RETURN_IF_ERROR(TitleTaken(archive_.Update(s, w)));
    v1::ModelWorker payload = ToProto(w);
    RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                   {"membership.model_worker.updated", w.id,
                                    w.organisation_path, &payload, ""}));
    return w;
  });
}

}  // namespace unionhub::membership
