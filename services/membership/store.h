// The membership repository over libs/sql: the only code that knows the tables.
// Every function runs inside the caller's transaction (a Session).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_STORE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/crypto/crypto.h"
#include "libs/sql/database.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

struct OrganisationFilter {
  std::string parent_id;  // Direct children of this organisation...
  std::string
      under_path;  // ...or, when set, every organisation strictly below it.
  bool include_closed = false;
  std::string after_path;  // Keyset: organisations after this path.
  int limit = 50;
};

struct MemberFilter {
  std::string organisation_id;  // Members of this organisation only...
  std::string under_path;       // ...or, when set, of its whole subtree.
  MemberStatus status = MemberStatus::kUnspecified;
  EmploymentType employment_type = EmploymentType::kUnspecified;
  std::string name_prefix;
  std::string id_number_index;  // Exact 身份证号 match through its keyed hash.
  std::string person_id;
  bool only_model_workers = false;  // Members in the model-worker archive.
  // Keyset: members after (after_name, after_id) in (name, id) order.
  std::string after_name;
  std::string after_id;
  int limit = 50;
};

class Store final {
 public:
  explicit Store(const crypto::DataKeys* keys) : keys_(keys) {}

  // The keyed hash that stands for an ID number in searches and uniqueness.
  std::string IdNumberIndex(absl::string_view id_number) const;

  absl::StatusOr<std::optional<Organisation>> FindOrganisation(
      sql::Session& s, absl::string_view id);
  absl::StatusOr<std::optional<Organisation>> FindRoot(sql::Session& s);
  absl::Status InsertOrganisation(sql::Session& s, const Organisation& o);
  // Writes name, state, update_time and etag.
  absl::Status UpdateOrganisation(sql::Session& s, const Organisation& o);
  absl::StatusOr<std::vector<Organisation>> ListOrganisations(
      sql::Session& s, const OrganisationFilter& f);
  absl::StatusOr<bool> HasActiveChildren(sql::Session& s, absl::string_view id);
  // True when an active sibling under `parent_id` already bears `name`.
  absl::StatusOr<bool> SiblingNameTaken(sql::Session& s,
                                        absl::string_view parent_id,
                                        absl::string_view name,
                                        absl::string_view except_id);

  absl::StatusOr<std::optional<Member>> FindMember(sql::Session& s,
                                                   absl::string_view id);
  // False, writing nothing, when the member would hold a membership (active or
  // retired) while the same person holds another one.
  absl::StatusOr<bool> InsertMember(sql::Session& s, Member& m);
  // Many new members at once (a roster import); on MySQL kInsertBatch rows per
  // statement, a batch that meets a holder conflict being redone row by row.
  // Element i of the result is false when members[i] was not written: the
  // person holds another membership.
  absl::StatusOr<std::vector<bool>> InsertMembers(
      sql::Session& s, const std::vector<Member*>& members);
  // Sets each member's person_id (those without one): that of the person's
  // ended memberships (former_persons), or a new one. (A person holding a
  // membership gets a new id too, but cannot be written: holder_index.)
  // One query per kLookupBatch members: on MySQL each is a round trip, and
  // an import's lookups were a quarter of its time at 50 a query.
  // indexes[i] is IdNumberIndex(members[i]->id_number).
  absl::Status AssignPersons(sql::Session& s,
                             const std::vector<Member*>& members,
                             const std::vector<std::string>& indexes);
  static constexpr int kInsertBatch = 50;
  static constexpr int kLookupBatch = 500;
  // Writes every mutable field (not id, id number, birth date, sex); false as
  // above. A membership that ends puts its person in former_persons.
  absl::StatusOr<bool> UpdateMember(sql::Session& s, const Member& m);
  absl::StatusOr<std::vector<Member>> ListMembers(sql::Session& s,
                                                  const MemberFilter& f);
  // Members holding their membership (active or retired) directly in
  // `organisation_id`.
  absl::StatusOr<int64_t> CountHolders(sql::Session& s,
                                       absl::string_view organisation_id);

  absl::Status InsertImport(sql::Session& s, absl::string_view id,
                            int64_t rows_read, int64_t rows_imported,
                            int64_t rows_rejected,
                            absl::string_view created_at);

  absl::Status InsertStatusChange(sql::Session& s, const MemberStatusChange& c);
  absl::StatusOr<std::vector<MemberStatusChange>> ListStatusChanges(
      sql::Session& s, absl::string_view member_id);

 private:
  absl::StatusOr<Member> ReadMember(sql::Statement& st);
  // Inserts `m`, whose person_id is set; false on a holder conflict.
  absl::StatusOr<bool> InsertOne(sql::Session& s, const Member& m,
                                 const std::string& id_number_index);
  // Binds the kMemberInsertColumns of `m` from parameter `first` on.
  void BindMember(sql::Statement& st, int first, const Member& m,
                  const std::string& id_number_index);

  const crypto::DataKeys* keys_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_STORE_H_
