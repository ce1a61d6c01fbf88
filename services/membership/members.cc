#include "services/membership/members.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/paging.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/id_number.h"
#include "services/membership/organisations.h"
#include "services/membership/scope.h"

namespace unionhub::membership {
namespace {

constexpr size_t kMaxMemberName = 50;
constexpr size_t kMaxReason = 500;
// Imported members per outbox event (and audit record).
constexpr size_t kImportEventBatch = 500;

bool KnownEmploymentType(EmploymentType t) {
  return t >= EmploymentType::kStaff && t <= EmploymentType::kOther;
}

// The checks of a member registration, shared by CreateMember and the roster
// import. Fills `out` with what it could derive; every problem goes into `v`,
// with field names behind `prefix` ("member." for CreateMember, "" for roster
// rows).
void CheckNewMember(const NewMember& request, const std::string& prefix,
                    absl::CivilDay today, Violations& v, Member& out) {
  auto field = [&](const char* name) { return prefix + name; };
  v.Merge(field("organisation_id"),
          CheckId(field("organisation_id"), request.organisation_id));
  v.Merge(field("name"), CheckText(field("name"), request.name, kMaxMemberName,
                                   Required::kYes));
  absl::StatusOr<IdNumber> id =
      ParseIdNumber(field("id_number"), request.id_number, today);
  v.Merge(field("id_number"), id.status());
  v.Merge(field("phone"), CheckPhone(field("phone"), request.phone));
  if (!KnownEmploymentType(request.employment_type)) {
    v.Add(field("employment_type"), "is required");
  }
  absl::StatusOr<absl::CivilDay> join =
      ParsePastDate(field("join_date"), request.join_date, today);
  v.Merge(field("join_date"), join.status());
  if (id.ok()) {
    if (request.sex != Sex::kUnspecified && request.sex != id->sex) {
      v.Add(field("sex"), "does not agree with the ID number");
    }
    if (request.birth_date && *request.birth_date != id->birth_date) {
      v.Add(field("birth_date"), "does not agree with the ID number");
    }
    if (join.ok() && *join < id->birth_date) {
      v.Add(field("join_date"), "is before the member's birth date");
    }
    out.id_number = id->normalized;
    out.sex = id->sex;
    out.birth_date = id->birth_date;
  }
  if (join.ok()) out.join_date = out.status_date = *join;
  out.organisation_id = request.organisation_id;
  out.name = request.name;
  out.phone = request.phone;
  out.employment_type = request.employment_type;
  out.status = MemberStatus::kActive;
}

// What every change of a membership's status carries: the day it took effect
// (not in the future) and an optional reason. Problems go into `v`.
absl::StatusOr<absl::CivilDay> CheckStatusChange(
    Violations& v, absl::string_view effective_date, absl::string_view reason,
    absl::CivilDay today) {
  absl::StatusOr<absl::CivilDay> date =
      ParsePastDate("effective_date", effective_date, today);
  v.Merge("effective_date", date.status());
  v.Merge("reason",
          CheckText("reason", reason, kMaxReason, Required::kNo, true));
  return date;
}

std::string StatusName(MemberStatus s) {
  return v1::MemberStatus_Name(static_cast<v1::MemberStatus>(s));
}

}  // namespace

absl::Status Members::RecordMemberChange(sql::Session& s,
                                         const auth::Caller& caller,
                                         const Member& m,
                                         absl::string_view type,
                                         absl::string_view detail) {
  v1::Member payload = ToProto(m, PersonalData::kOmitted);
  return outbox::Record(s, caller, *clock_,
                        {std::string(type), m.id, m.organisation_path, &payload,
                         std::string(detail)});
}

absl::Status Members::InsertNewMember(sql::Session& s,
                                      const auth::Caller& caller,
                                      absl::Time now, Member& m) {
  m.id = NewId();
  m.created_by_key_id = caller.key_id;
  m.create_time = m.update_time = now;
  m.etag = NewId();
  ASSIGN_OR_RETURN(bool inserted, store_->InsertMember(s, m));
  if (!inserted) {
    // Says nothing of where: that may be another tenant's member.
    return absl::AlreadyExistsError(
        "this ID number already holds a membership in the federation; "
        "ask the union that holds it to transfer the member");
  }
  return absl::OkStatus();  // The row is its own registration record.
}

absl::StatusOr<Member> Members::CreateMember(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewMember& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  Member checked;
  CheckNewMember(request, "member.", clock_->Today(), v, checked);
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Member> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Member> {
          ASSIGN_OR_RETURN(
              Organisation org,
              VisibleOrganisation(*store_, s, caller, "member.organisation_id",
                                  request.organisation_id));
          RETURN_IF_ERROR(CheckTakesMembers(org));
          Member m = checked;
          m.organisation_path = org.path;
          RETURN_IF_ERROR(InsertNewMember(s, caller, clock_->Now(), m));
          RETURN_IF_ERROR(RecordMemberChange(s, caller, m,
                                             "membership.member.created", ""));
          return m;
        },
        [](const Member& m) { return m.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(store_->FindMember(s, id));
        });
  });
}

absl::StatusOr<ImportReport> Members::ImportMembers(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const ImportOptions& options, std::vector<RosterRow> rows) {
  RETURN_IF_ERROR(outbox::CheckRequestId(idempotency.request_id));
  if (!options.organisation_id.empty()) {
    RETURN_IF_ERROR(CheckId("organisation_id", options.organisation_id));
  }
  ImportReport report;
  report.rows_read = rows.size();
  // What is kept of each row once its member is built: the number and the
  // errors.
  struct RowState {
    int64_t row = 0;
    std::vector<FieldViolation> errors;
  };
  std::vector<RowState> states(rows.size());
  auto reject = [&](RowState& row, std::string field, std::string description) {
    row.errors.push_back({std::move(field), std::move(description)});
  };

  // Row by row, as CreateMember would check it, plus duplicates within the
  // file.
  absl::CivilDay today = clock_->Today();
  std::vector<Member> members(rows.size());
  absl::flat_hash_map<std::string, int64_t> first_row_of_person;
  for (size_t i = 0; i < rows.size(); ++i) {
    states[i] = {rows[i].row, std::move(rows[i].errors)};
    if (rows[i].unread) continue;
    Violations v;
    CheckNewMember(rows[i].member, "", today, v, members[i]);
    rows[i].member = NewMember{};  // Copied into the member: free it as we go.
    for (const FieldViolation& f : FieldViolations(v.Status())) {
      reject(states[i], f.field, f.description);
    }
    if (!members[i].id_number.empty()) {
      auto [it, fresh] =
          first_row_of_person.emplace(members[i].id_number, states[i].row);
      if (!fresh) {
        reject(
            states[i], "id_number",
            absl::StrCat("the same ID number is already on row ", it->second));
      }
    }
  }
  first_row_of_person.clear();
  rows = {};  // Each row now lives once, as its member.

  // The answer: each row's own errors, and those met while writing (its
  // union, a membership already held), by index into `states`.
  using Refusals = std::map<size_t, std::vector<FieldViolation>>;
  auto answer = [&](const Refusals& refused) {
    ImportReport r;
    r.rows_read = report.rows_read;
    for (size_t i = 0; i < states.size(); ++i) {
      auto more = refused.find(i);
      if (states[i].errors.empty() && more == refused.end()) continue;
      ++r.rows_rejected;
      const std::vector<FieldViolation>* kinds[] = {
          &states[i].errors, more == refused.end() ? nullptr : &more->second};
      for (const std::vector<FieldViolation>* errors : kinds) {
        if (errors == nullptr) continue;
        for (const FieldViolation& e : *errors) {
          if (r.errors.size() == ImportReport::kMaxReportedErrors) {
            r.errors_truncated = true;
            break;
          }
          r.errors.push_back({states[i].row, e.field, e.description});
        }
      }
    }
    return r;
  };
  // Returned when rows fail inside the transaction and nothing may be written;
  // the answer is then the one the attempt that ended left here. (An attempt
  // may run again after a deadlock or a lost connection: each starts afresh.)
  const absl::Status kRefused =
      absl::FailedPreconditionError("rows were rejected");
  ImportReport refused_answer;
  absl::StatusOr<ImportReport> written = db_->Write([&](sql::Session& s)
                                                        -> absl::StatusOr<
                                                            ImportReport> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<ImportReport> {
          Refusals refused;
          auto refuse = [&](size_t i, std::string field,
                            std::string description) {
            refused[i].push_back({std::move(field), std::move(description)});
          };

          absl::Time now =
              clock_->Now();  // One import, one time of registration.
          // Organisations: each looked up once, and checked like CreateMember
          // does.
          std::map<std::string, absl::StatusOr<Organisation>> organisations;
          std::vector<v1::Member> batch;
          int64_t first_row_of_batch = 0;
          auto flush = [&](int64_t last_row) -> absl::Status {
            if (batch.empty()) return absl::OkStatus();
            v1::MembersImported payload;
            payload.set_request_id(idempotency.request_id);
            for (auto& m : batch) *payload.add_members() = std::move(m);
            batch.clear();
            return outbox::Record(
                s, caller, *clock_,
                {"membership.members.imported", caller.organisation_id,
                 caller.organisation_path, &payload,
                 absl::StrCat("roster rows ", first_row_of_batch, "-", last_row,
                              ", ", payload.members_size(), " members")});
          };
          // Rows whose union is fine, grouped for the batched insert.
          std::vector<size_t> pending;
          int64_t imported = 0;
          auto insert_pending = [&]() -> absl::Status {
            std::vector<Member*> batch_members;
            for (size_t i : pending) batch_members.push_back(&members[i]);
            ASSIGN_OR_RETURN(std::vector<bool> written,
                             store_->InsertMembers(s, batch_members));
            for (size_t k = 0; k < pending.size(); ++k) {
              if (!written[k]) {
                refuse(pending[k], "id_number",
                       "this ID number already holds a membership in the "
                       "federation");
                continue;
              }
              ++imported;
              if (batch.empty()) first_row_of_batch = states[pending[k]].row;
              batch.push_back(
                  ToProto(members[pending[k]], PersonalData::kOmitted));
            }
            int64_t last_row = states[pending.back()].row;
            pending.clear();
            return flush(last_row);
          };
          for (size_t i = 0; i < states.size(); ++i) {
            if (!states[i].errors.empty()) continue;
            Member& m = members[i];
            auto found = organisations.find(m.organisation_id);
            if (found == organisations.end()) {
              absl::StatusOr<Organisation> org = VisibleOrganisation(
                  *store_, s, caller, "organisation_id", m.organisation_id);
              if (org.ok()) {
                absl::Status takes = CheckTakesMembers(*org);
                if (!takes.ok()) org = takes;
              }
              if (!org.ok() &&
                  org.status().code() != absl::StatusCode::kNotFound &&
                  org.status().code() !=
                      absl::StatusCode::kFailedPrecondition) {
                return org
                    .status();  // Storage trouble: the whole import fails.
              }
              found = organisations.emplace(m.organisation_id, std::move(org))
                          .first;
            }
            if (!found->second.ok()) {
              refuse(i, "organisation_id",
                     std::string(found->second.status().message()));
              continue;
            }
            if (options.validate_only) continue;
            m.organisation_path = found->second->path;
            m.id = NewId();
            m.created_by_key_id = caller.key_id;
            m.create_time = m.update_time = now;
            m.etag = NewId();
            pending.push_back(i);
            if (pending.size() == kImportEventBatch)
              RETURN_IF_ERROR(insert_pending());
          }
          if (!pending.empty()) RETURN_IF_ERROR(insert_pending());
          ImportReport done = answer(refused);
          if (options.validate_only ||
              (done.rows_rejected > 0 && options.all_or_nothing)) {
            refused_answer = std::move(done);
            return kRefused;  // Roll back whatever was inserted.
          }
          RETURN_IF_ERROR(store_->InsertImport(s, NewId(), done.rows_read,
                                               imported, done.rows_rejected,
                                               FormatTimestamp(clock_->Now())));
          done.rows_imported = imported;
          done.committed = true;
          return done;
        },
        [](const ImportReport& r) { return ToProto(r).SerializeAsString(); },
        [](const std::string& first) -> absl::StatusOr<ImportReport> {
          v1::ImportMembersResponse stored;
          if (!stored.ParseFromString(first))
            return absl::InternalError("a stored import answer is corrupt");
          return ImportReportFromProto(stored);
        });
  });
  if (!written.ok() && written.status() == kRefused) return refused_answer;
  return written;
}

absl::StatusOr<Member> Members::GetMember(const auth::Caller& caller,
                                          absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return VisibleMember(*store_, s, caller, "id", id);
  });
}

absl::StatusOr<Page<Member>> Members::ListMembers(const auth::Caller& caller,
                                                  const MemberQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'm', 2);
  std::string root_id =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  v.Merge("name_prefix", CheckText("name_prefix", query.name_prefix,
                                   kMaxMemberName, Required::kNo));
  MemberFilter f;
  if (!query.id_number.empty()) {
    auto id = ParseIdNumber("id_number", query.id_number, clock_->Today());
    v.Merge("id_number", id.status());
    if (id.ok()) f.id_number_index = store_->IdNumberIndex(id->normalized);
  }
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  f.person_id = query.person_id;
  RETURN_IF_ERROR(v.Status());
  if (!page.after.empty()) {
    f.after_name = page.after[0];
    f.after_id = page.after[1];
  }
  f.status = query.status;
  f.employment_type = query.employment_type;
  f.name_prefix = query.name_prefix;
  f.only_model_workers = query.only_model_workers;
  f.limit = page.limit();
  std::vector<Member> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation org,
        VisibleOrganisation(*store_, s, caller, "organisation_id", root_id));
    f.organisation_id = org.id;
    if (query.include_descendants) f.under_path = org.path;
    ASSIGN_OR_RETURN(rows, store_->ListMembers(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'm', [](const Member& m) {
    return std::vector<std::string>{m.name, m.id};
  });
}

absl::StatusOr<Member> Members::UpdateMember(const auth::Caller& caller,
                                             absl::string_view id,
                                             const MemberPatch& patch,
                                             absl::string_view etag) {
  Violations v;
  v.Merge("member.id", CheckId("member.id", id));
  if (patch.name) {
    v.Merge("member.name", CheckText("member.name", *patch.name, kMaxMemberName,
                                     Required::kYes));
  }
  if (patch.phone)
    v.Merge("member.phone", CheckPhone("member.phone", *patch.phone));
  if (patch.employment_type && !KnownEmploymentType(*patch.employment_type)) {
    v.Add("member.employment_type", "is not a known employment type");
  }
  if (!patch.name && !patch.phone && !patch.employment_type) {
    v.Add("update_mask", "names no field to change");
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Member> {
    ASSIGN_OR_RETURN(Member m, VisibleMember(*store_, s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, m.etag));
    std::vector<std::string> changed;
    if (patch.name) {
      m.name = *patch.name;
      changed.push_back("name");
    }
    if (patch.phone) {
      m.phone = *patch.phone;
      changed.push_back("phone");
    }
    if (patch.employment_type) {
      m.employment_type = *patch.employment_type;
      changed.push_back("employment_type");
    }
    m.update_time = clock_->Now();
    m.etag = NewId();
    ASSIGN_OR_RETURN(bool updated, store_->UpdateMember(s, m));
    if (!updated)
      return absl::InternalError("a member update changed its holding");
    RETURN_IF_ERROR(RecordMemberChange(
        s, caller, m, "membership.member.updated",
        absl::StrCat("changed ", absl::StrJoin(changed, ", "))));
    return m;
  });
}

absl::StatusOr<Member> Members::ChangeMemberStatus(
    const auth::Caller& caller, absl::string_view id, MemberStatus status,
    absl::string_view effective_date, absl::string_view reason,
    absl::string_view etag) {
  Violations v;
  v.Merge("id", CheckId("id", id));
  if (status == MemberStatus::kUnspecified ||
      status > MemberStatus::kDeceased) {
    v.Add("status", "is required");
  } else if (status == MemberStatus::kTransferredOut) {
    v.Add("status", "transfers go through TransferMember");
  }
  absl::StatusOr<absl::CivilDay> date =
      CheckStatusChange(v, effective_date, reason, clock_->Today());
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Member> {
    ASSIGN_OR_RETURN(Member m, VisibleMember(*store_, s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, m.etag));
    MemberStatus from = m.status;
    if (from == status) {
      return absl::FailedPreconditionError(
          absl::StrCat("the member is already ", StatusName(status)));
    }
    if (from == MemberStatus::kDeceased ||
        from == MemberStatus::kTransferredOut) {
      return absl::FailedPreconditionError(
          absl::StrCat("a ", StatusName(from),
                       " membership is closed; it cannot change again"));
    }
    if (*date < m.status_date) {
      return InvalidField("effective_date",
                          "is before the member's last status change");
    }
    m.status = status;
    m.status_date = *date;
    m.update_time = clock_->Now();
    m.etag = NewId();
    ASSIGN_OR_RETURN(bool updated, store_->UpdateMember(s, m));
    if (!updated) {
      // Rejoining while the person registered elsewhere meanwhile.
      return absl::AlreadyExistsError(
          "this ID number already holds another membership in the federation");
    }
    RETURN_IF_ERROR(store_->InsertStatusChange(
        s, {m.id, from, status, *date, std::string(reason), m.organisation_id,
            caller.key_id, m.update_time}));
    RETURN_IF_ERROR(RecordMemberChange(
        s, caller, m, "membership.member.status_changed",
        absl::StrCat(StatusName(from), " -> ", StatusName(status))));
    return m;
  });
}

absl::StatusOr<Transfer> Members::TransferMember(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view id, absl::string_view target_organisation_id,
    absl::string_view effective_date, absl::string_view reason,
    absl::string_view etag) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("id", CheckId("id", id));
  v.Merge("target_organisation_id",
          CheckId("target_organisation_id", target_organisation_id));
  absl::StatusOr<absl::CivilDay> date =
      CheckStatusChange(v, effective_date, reason, clock_->Today());
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Transfer> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Transfer> {
          Transfer t;
          ASSIGN_OR_RETURN(t.previous,
                           VisibleMember(*store_, s, caller, "id", id));
          RETURN_IF_ERROR(CheckEtag(etag, t.previous.etag));
          if (t.previous.status != MemberStatus::kActive) {
            return absl::FailedPreconditionError(
                "only an active member can be transferred");
          }
          ASSIGN_OR_RETURN(
              Organisation target,
              VisibleOrganisation(*store_, s, caller, "target_organisation_id",
                                  target_organisation_id));
          if (target.id == t.previous.organisation_id) {
            return InvalidField("target_organisation_id",
                                "is the union the member already belongs to");
          }
          if (target.state != OrganisationState::kActive ||
              !TakesMembers(target.type)) {
            return absl::FailedPreconditionError(
                "the receiving union is closed or does not take members");
          }
          if (*date < t.previous.status_date) {
            return InvalidField("effective_date",
                                "is before the member's last status change");
          }
          absl::Time now = clock_->Now();
          Member& next = t.member;
          next = t.previous;
          next.id = NewId();
          next.organisation_id = target.id;
          next.organisation_path = target.path;
          next.status = MemberStatus::kActive;
          next.status_date = *date;
          next.transferred_from_member_id = t.previous.id;
          next.transferred_to_member_id.clear();
          next.created_by_key_id = caller.key_id;
          next.create_time = next.update_time = now;
          next.etag = NewId();
          t.previous.status = MemberStatus::kTransferredOut;
          t.previous.status_date = *date;
          t.previous.transferred_to_member_id = next.id;
          t.previous.update_time = now;
          t.previous.etag = NewId();
          // The old membership lets go of the person before the new one takes
          // them.
          ASSIGN_OR_RETURN(bool released, store_->UpdateMember(s, t.previous));
          ASSIGN_OR_RETURN(bool taken, store_->InsertMember(s, next));
          if (!released || !taken)
            return absl::InternalError("transfer lost the holding");
          RETURN_IF_ERROR(store_->InsertStatusChange(
              s, {t.previous.id, MemberStatus::kActive,
                  MemberStatus::kTransferredOut, *date, std::string(reason),
                  t.previous.organisation_id, caller.key_id, now}));
          RETURN_IF_ERROR(store_->InsertStatusChange(
              s, {next.id, MemberStatus::kUnspecified, MemberStatus::kActive,
                  *date, std::string(reason), next.organisation_id,
                  caller.key_id, now}));
          RETURN_IF_ERROR(RecordMemberChange(
              s, caller, t.previous, "membership.member.transferred_out",
              absl::StrCat("to ", target.id)));
          RETURN_IF_ERROR(RecordMemberChange(
              s, caller, next, "membership.member.transferred_in",
              absl::StrCat("from ", t.previous.organisation_id)));
          return t;
        },
        // The answer is the new membership, which names the old one.
        [](const Transfer& made) { return made.member.id; },
        [&](const std::string& member_id) -> absl::StatusOr<Transfer> {
          Transfer t;
          ASSIGN_OR_RETURN(t.member,
                           VisibleMember(*store_, s, caller, "id", member_id));
          ASSIGN_OR_RETURN(t.previous,
                           VisibleMember(*store_, s, caller, "id",
                                         t.member.transferred_from_member_id));
          return t;
        });
  });
}

absl::StatusOr<std::vector<MemberStatusChange>>
Members::ListMemberStatusChanges(const auth::Caller& caller,
                                 absl::string_view member_id) {
  RETURN_IF_ERROR(CheckId("member_id", member_id));
  std::vector<MemberStatusChange> out;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(Member m,
                     VisibleMember(*store_, s, caller, "member_id", member_id));
    // Walk back through the memberships this one continues; the receiving union
    // is entitled to the history that came with the transfer.
    std::vector<std::vector<MemberStatusChange>> chain;
    std::optional<Member> membership = m;
    for (int hops = 0; membership && hops < 100; ++hops) {
      std::vector<MemberStatusChange>& changes = chain.emplace_back();
      if (membership->transferred_from_member_id.empty()) {
        // A registration is recorded by the member row itself.
        changes.push_back(
            {membership->id, MemberStatus::kUnspecified, MemberStatus::kActive,
             membership->join_date, "registered", membership->organisation_id,
             membership->created_by_key_id, membership->create_time});
      }
      ASSIGN_OR_RETURN(std::vector<MemberStatusChange> recorded,
                       store_->ListStatusChanges(s, membership->id));
      changes.insert(changes.end(), recorded.begin(), recorded.end());
      if (membership->transferred_from_member_id.empty()) break;
      ASSIGN_OR_RETURN(
          membership,
          store_->FindMember(s, membership->transferred_from_member_id));
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      out.insert(out.end(), it->begin(), it->end());
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace unionhub::membership
