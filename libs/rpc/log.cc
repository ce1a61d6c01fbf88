#include "libs/rpc/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "libs/base/clock.h"

namespace unionhub::rpc {
namespace {

std::string& ServiceName() {
  static std::string* name = new std::string("unionhub");
  return *name;
}

void AppendJsonEscaped(std::string* out, absl::string_view text) {
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      default:
        if (c < 0x20) {
          absl::StrAppend(out, absl::StrFormat("\\u%04x", c));
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
}

// stderr, written in batches: a line per call costs a write(2) per call when
// each is flushed, which was a sixth of the gateway's CPU at 10,000 calls a
// second. Lines wait at most kMaxDelay while more come, and flush_every picks
// up the rest; events other than calls (and warnings) are flushed at once.
class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BatchedStderrSink() override { WriteOut(); }

 private:
  static constexpr size_t kBatchBytes = 32 * 1024;
  static constexpr auto kMaxDelay = std::chrono::milliseconds(100);

  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (pending_.size() == 0) first_pending_ = msg.time;
    formatter_->format(msg, pending_);
    if (pending_.size() >= kBatchBytes ||
        msg.time - first_pending_ >= kMaxDelay)
      WriteOut();
  }
  void flush_() override { WriteOut(); }

  void WriteOut() {
    const char* p = pending_.data();
    size_t left = pending_.size();
    while (left > 0) {
      ssize_t n = ::write(STDERR_FILENO, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone; the lines cannot go anywhere
      p += n;
      left -= static_cast<size_t>(n);
    }
    pending_.clear();
  }

  spdlog::memory_buf_t pending_;
  spdlog::log_clock::time_point first_pending_;
};

void Write(absl::string_view level, const std::string& line, bool flush) {
  auto logger = spdlog::default_logger_raw();
  logger->log(level == "error"  ? spdlog::level::err
              : level == "warn" ? spdlog::level::warn
                                : spdlog::level::info,
              "{}", line);
  if (flush) logger->flush();
}

using Field = std::pair<absl::string_view, absl::string_view>;

std::string Line(absl::string_view level, absl::string_view msg,
                 absl::Span<const Field> fields) {
  std::string line;
  line.reserve(160);
  absl::StrAppend(&line, "{\"ts\":\"", FormatTimestamp(absl::Now()),
                  "\",\"level\":\"", level, "\",\"service\":\"", ServiceName(),
                  "\",\"msg\":\"");
  AppendJsonEscaped(&line, msg);
  line += '"';
  for (const auto& [key, value] : fields) {
    absl::StrAppend(&line, ",\"", key, "\":\"");
    AppendJsonEscaped(&line, value);
    line += '"';
  }
  line += "}";
  return line;
}

}  // namespace

std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  AppendJsonEscaped(&out, text);
  return out;
}

void InitLogging(absl::string_view service) {
  ServiceName() = std::string(service);
  if (spdlog::get("unionhub")) return;
  auto logger = std::make_shared<spdlog::logger>(
      "unionhub", std::make_shared<BatchedStderrSink>());
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void LogEvent(absl::string_view level, absl::string_view msg,
              const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<Field> views(fields.begin(), fields.end());
  Write(level, Line(level, msg, views), /*flush=*/true);
}

void LogCall(absl::string_view method, const auth::Caller* caller,
             const absl::Status& status, absl::Duration latency) {
  const std::string code = absl::StatusCodeToString(status.code());
  const std::string latency_ms =
      absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(latency));
  Field fields[7] = {
      {"method", method}, {"code", code}, {"latency_ms", latency_ms}};
  size_t n = 3;
  const std::string role = caller ? auth::RoleName(caller->role) : "";
  if (caller) {
    fields[n++] = {"key_id", caller->key_id};
    fields[n++] = {"organisation_id", caller->organisation_id};
    fields[n++] = {"role", role};
  }
  if (!status.ok()) fields[n++] = {"error", status.message()};
  const absl::string_view level = status.ok() ? "info" : "warn";
  Write(level, Line(level, "call", absl::MakeConstSpan(fields, n)),
        /*flush=*/false);
}

}  // namespace unionhub::rpc
