#include "gateway/static_files.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/crypto/crypto.h"

namespace unionhub::gateway {
namespace {

namespace fs = std::filesystem;

constexpr char kSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

std::string ContentType(const fs::path& path) {
  static const auto* types = new absl::flat_hash_map<std::string, std::string>{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto it = types->find(absl::AsciiStrToLower(path.extension().string()));
  return it == types->end() ? "application/octet-stream" : it->second;
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  // 15 window bits + 16: a gzip wrapper, not zlib's.
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return "";
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return done == Z_STREAM_END ? out : "";
}

bool AcceptsGzip(const http::Request& req) {
  for (absl::string_view part :
       absl::StrSplit(req.Header("accept-encoding"), ',')) {
    std::vector<absl::string_view> coding = absl::StrSplit(part, ';');
    if (absl::StripAsciiWhitespace(coding[0]) == "gzip" &&
        (coding.size() < 2 || absl::StripAsciiWhitespace(coding[1]) != "q=0")) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<StaticFiles> StaticFiles::Load(const std::string& dir,
                                              StaticFileLimits limits) {
  StaticFiles out;
  int64_t total = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("dashboard directory ", dir, ": ", ec.message()));
  }
  for (; it != end; it.increment(ec)) {
    if (ec) return absl::FailedPreconditionError(ec.message());
    if (!it->is_regular_file()) continue;
    const fs::path relative = fs::relative(it->path(), dir);
    if (static_cast<int>(out.files_.size()) >= limits.max_files) {
      return absl::FailedPreconditionError(
          absl::StrCat("dashboard directory ", dir, " has more than ",
                       limits.max_files, " files"));
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot read ", it->path().string()));
    }
    File f;
    f.content = content.str();
    total += static_cast<int64_t>(f.content.size());
    if (total > limits.max_total_bytes) {
      return absl::FailedPreconditionError(
          absl::StrCat("dashboard directory ", dir, " is over ",
                       limits.max_total_bytes, " bytes"));
    }
    f.gzipped = Gzip(f.content);
    if (f.gzipped.size() >= f.content.size()) f.gzipped.clear();
    f.content_type = ContentType(relative);
    f.etag =
        absl::StrCat("\"", crypto::Sha256Hex(f.content).substr(0, 32), "\"");
    const std::string path = "/" + relative.generic_string();
    // The build names what is under /assets/ by a hash of its content.
    f.immutable = absl::StartsWith(path, "/assets/");
    out.files_[path] = std::move(f);
  }
  if (!out.files_.contains("/index.html")) {
    return absl::FailedPreconditionError(
        absl::StrCat("dashboard directory ", dir, " has no index.html"));
  }
  return out;
}

std::optional<http::Response> StaticFiles::Serve(
    const http::Request& req) const {
  if (req.method != "GET") return std::nullopt;
  auto it = files_.find(req.path == "/" ? "/index.html" : req.path);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  http::Response res;
  res.SetHeader("Content-Security-Policy", kSecurityPolicy);
  res.SetHeader("X-Content-Type-Options", "nosniff");
  res.SetHeader("Referrer-Policy", "no-referrer");
  res.SetHeader("X-Frame-Options", "DENY");
  res.SetHeader("Cache-Control", f.immutable
                                     ? "public, max-age=31536000, immutable"
                                     : "no-cache");
  res.SetHeader("ETag", f.etag);
  res.SetHeader("Vary", "Accept-Encoding");
  if (req.Header("if-none-match") == f.etag) {
    res.status = 304;
    return res;
  }
  if (!f.gzipped.empty() && AcceptsGzip(req)) {
    res.SetHeader("Content-Encoding", "gzip");
    res.SetContent(f.gzipped, f.content_type);
  } else {
    res.SetContent(f.content, f.content_type);
  }
  return res;
}

}  // namespace unionhub::gateway
