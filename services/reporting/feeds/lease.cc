#include "services/reporting/feeds/lease.h"

#include "libs/base/status_macros.h"

namespace unionhub::reporting {
namespace {
constexpr char kLease[] = "feeds";
}

absl::StatusOr<bool> ConsumerLease::TryAcquire() {
  const absl::Time now = clock_.Now();
  const int64_t now_micros = absl::ToUnixMicros(now);
  const int64_t until = absl::ToUnixMicros(now + ttl_);
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<bool> {
    RETURN_IF_ERROR(s.Execute("UPDATE consumer_lease SET holder = ?, "
                              "expire_micros = ? WHERE name = ? AND (holder = "
                              "? OR expire_micros < ?)",
                              holder_, until, kLease, holder_, now_micros)
                        .status());
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s.Query("SELECT holder FROM consumer_lease WHERE name = ?", kLease));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) return st->Text(0) == holder_;
    absl::Status made = s.Execute(
                             "INSERT INTO consumer_lease (name, holder, "
                             "expire_micros) VALUES (?, ?, ?)",
                             kLease, holder_, until)
                            .status();
    if (made.code() == absl::StatusCode::kAlreadyExists) return false;
    RETURN_IF_ERROR(made);
    return true;
  });
}

absl::Status ConsumerLease::Release() {
  return db_->Write([&](sql::Session& s) -> absl::Status {
    return s
        .Execute(
            "UPDATE consumer_lease SET expire_micros = 0 WHERE name = ? "
            "AND holder = ?",
            kLease, holder_)
        .status();
  });
}

absl::StatusOr<LeaseState> ConsumerLease::Read() {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<LeaseState> {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query("SELECT holder, expire_micros FROM "
                             "consumer_lease WHERE name = ?",
                             kLease));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return LeaseState{};
    return LeaseState{st->Text(0), absl::FromUnixMicros(st->Int(1))};
  });
}

}  // namespace unionhub::reporting
