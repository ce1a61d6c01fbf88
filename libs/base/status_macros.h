// The two status macros of the project (Debian 12's Abseil has none).
#ifndef UNIONHUB_LIBS_BASE_STATUS_MACROS_H_
#define UNIONHUB_LIBS_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define UNIONHUB_CONCAT_INNER_(a, b) a##b
#define UNIONHUB_CONCAT_(a, b) UNIONHUB_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                            \
  do {                                                   \
    ::absl::Status unionhub_status_ = (expr);            \
    if (!unionhub_status_.ok()) return unionhub_status_; \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F());` declares x from an OK StatusOr, or returns
// its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(UNIONHUB_CONCAT_(unionhub_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()

#endif  // UNIONHUB_LIBS_BASE_STATUS_MACROS_H_
