// The dashboard's files as the gateway serves them: only what was loaded,
// gzipped when the browser takes it, revalidated or cached for good, always
// with the security headers; and a directory that is not a dashboard refused
// at start-up.
#include "gateway/static_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "libs/sql/testing.h"

namespace unionhub::gateway {
namespace {

namespace fs = std::filesystem;

std::string Gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/unionhub-static-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = std::make_unique<sql::TemporaryDirectory>(dir);
    Write("index.html", "<!doctype html><title>工会</title>" +
                            std::string(2000, ' ') + "<main></main>");
    Write("assets/app-3F2A.js", "console.log('hi');" + std::string(3000, ';'));
    Write("favicon.png", "\x89PNG");
  }

  void Write(const std::string& name, const std::string& content) {
    fs::path p = fs::path(dir_->path()) / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }

  http::Request Get(std::string path, std::string accept_encoding = "") {
    http::Request r;
    r.method = "GET";
    r.path = std::move(path);
    if (!accept_encoding.empty())
      r.headers.emplace_back("accept-encoding", std::move(accept_encoding));
    return r;
  }

  std::unique_ptr<sql::TemporaryDirectory> dir_;
};

TEST_F(StaticFilesTest, ServesTheIndexAtTheRootWithTheSecurityHeaders) {
  auto files = StaticFiles::Load(dir_->path());
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_EQ(files->size(), 3u);
  std::optional<http::Response> r = files->Serve(Get("/"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(HeaderOf(*r, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(HeaderOf(*r, "Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(HeaderOf(*r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(*r, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(*r, "Content-Encoding"), "");
  EXPECT_NE(r->body.find("<title>工会</title>"), std::string::npos);
}

TEST_F(StaticFilesTest, GzipsForBrowsersThatTakeItAndRevalidatesByEtag) {
  auto files = StaticFiles::Load(dir_->path());
  ASSERT_TRUE(files.ok()) << files.status();
  std::optional<http::Response> plain =
      files->Serve(Get("/assets/app-3F2A.js"));
  std::optional<http::Response> gz =
      files->Serve(Get("/assets/app-3F2A.js", "br, gzip;q=0.8"));
  ASSERT_TRUE(plain && gz);
  EXPECT_EQ(HeaderOf(*gz, "Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), plain->body.size() / 10);
  EXPECT_EQ(Gunzip(gz->body), plain->body);
  EXPECT_EQ(HeaderOf(*gz, "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(*files->Serve(Get("/", "gzip;q=0")), "Content-Encoding"),
            "");
  // Unchanged since the browser last had it: 304, no body.
  http::Request again = Get("/");
  again.headers.emplace_back("if-none-match",
                             HeaderOf(*files->Serve(Get("/")), "ETag"));
  std::optional<http::Response> not_modified = files->Serve(again);
  ASSERT_TRUE(not_modified.has_value());
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());
}

TEST_F(StaticFilesTest, AnswersOnlyGetsOfTheFilesItLoaded) {
  auto files = StaticFiles::Load(dir_->path());
  ASSERT_TRUE(files.ok()) << files.status();
  for (const char* path :
       {"/index.htm", "/assets/", "/../index.html", "/assets/../index.html",
        "//index.html", "/etc/passwd",
        "/unionhub.gateway.v1.AuthService/WhoAmI"}) {
    EXPECT_FALSE(files->Serve(Get(path)).has_value()) << path;
  }
  http::Request post = Get("/");
  post.method = "POST";
  EXPECT_FALSE(files->Serve(post).has_value());
  // Loaded once: a file written later is not served.
  Write("later.html", "x");
  EXPECT_FALSE(files->Serve(Get("/later.html")).has_value());
}

TEST_F(StaticFilesTest, RefusesADirectoryThatIsNotADashboard) {
  EXPECT_EQ(StaticFiles::Load(dir_->path() + "/missing").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StaticFiles::Load(dir_->path() + "/assets").status().code(),
            absl::StatusCode::kFailedPrecondition);  // No index.html.
  EXPECT_EQ(StaticFiles::Load(dir_->path(), {2, 1 << 20}).status().code(),
            absl::StatusCode::kFailedPrecondition);  // Too many files.
  EXPECT_EQ(StaticFiles::Load(dir_->path(), {10, 1000}).status().code(),
            absl::StatusCode::kFailedPrecondition);  // Too many bytes.
}

}  // namespace
}  // namespace unionhub::gateway
