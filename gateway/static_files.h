// The dashboard's files (built into a directory by dashboard/), served by the
// gateway's HTTP port at `/`. They are read once at start-up into memory, so
// a request can only ever get one of them: no path reaches the file system.
// Each is kept gzipped too; index.html is revalidated every time (its ETag),
// the hashed files under /assets/ are cached for good, and every answer
// carries a Content-Security-Policy that allows only the gateway's own
// scripts, styles and API.
#ifndef UNIONHUB_GATEWAY_STATIC_FILES_H_
#define UNIONHUB_GATEWAY_STATIC_FILES_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "libs/http/server.h"

namespace unionhub::gateway {

struct StaticFileLimits {
  int max_files = 500;
  int64_t max_total_bytes = 32 << 20;
};

class StaticFiles final {
 public:
  // Every regular file under `dir`; FAILED_PRECONDITION when there is no
  // index.html, or past the limits.
  static absl::StatusOr<StaticFiles> Load(const std::string& dir,
                                          StaticFileLimits limits = {});

  // The answer to a GET of one of the files ("/" is /index.html), or nullopt
  // when the request is not for one.
  std::optional<http::Response> Serve(const http::Request& req) const;

  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string gzipped;  // Empty when gzip would not make it smaller.
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  absl::flat_hash_map<std::string, File> files_;  // By URL path.
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_STATIC_FILES_H_
