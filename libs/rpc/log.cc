#include "libs/rpc/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/clock.h"

namespace unionhub::rpc {
namespace {

std::string& ServiceName() {
  static std::string* name = new std::string("unionhub");
  return *name;
}

}  // namespace

std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

void InitLogging(absl::string_view service) {
  ServiceName() = std::string(service);
  if (spdlog::get("unionhub")) return;
  auto logger = spdlog::stderr_logger_mt("unionhub");
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);
}

void LogEvent(absl::string_view level, absl::string_view msg,
              const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string line =
      absl::StrCat("{\"ts\":\"", FormatTimestamp(absl::Now()),
                   "\",\"level\":\"", level, "\",\"service\":\"", ServiceName(),
                   "\",\"msg\":\"", JsonEscape(msg), "\"");
  for (const auto& [key, value] : fields) {
    absl::StrAppend(&line, ",\"", key, "\":\"", JsonEscape(value), "\"");
  }
  line += "}";
  spdlog::info("{}", line);
}

void LogCall(absl::string_view method, const auth::Caller* caller,
             const absl::Status& status, absl::Duration latency) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"method", std::string(method)},
      {"code", absl::StatusCodeToString(status.code())},
      {"latency_ms",
       absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(latency))},
  };
  if (caller) {
    fields.push_back({"key_id", caller->key_id});
    fields.push_back({"organisation_id", caller->organisation_id});
    fields.push_back({"role", auth::RoleName(caller->role)});
  }
  if (!status.ok()) fields.push_back({"error", std::string(status.message())});
  LogEvent(status.ok() ? "info" : "warn", "call", fields);
}

}  // namespace unionhub::rpc
