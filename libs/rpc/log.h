// Structured logs: one JSON object per line on stderr, through spdlog. Events
// and warnings are written at once; the info line of each call is batched
// (written within 100 ms while calls keep coming, within a second otherwise,
// and at exit), so logging is not a system call per call.
#ifndef UNIONHUB_LIBS_RPC_LOG_H_
#define UNIONHUB_LIBS_RPC_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"

namespace unionhub::rpc {

// Sets up the process-wide logger (idempotent).
void InitLogging(absl::string_view service);

// {"msg": ..., key: value, ...}; values are JSON-escaped.
void LogEvent(
    absl::string_view level, absl::string_view msg,
    const std::vector<std::pair<std::string, std::string>>& fields = {});

// The line every call writes: method, caller, code, latency; for errors the
// message, including storage errors' real text, which never reaches the caller.
void LogCall(absl::string_view method, const auth::Caller* caller,
             const absl::Status& status, absl::Duration latency);

std::string JsonEscape(absl::string_view text);

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_LOG_H_
