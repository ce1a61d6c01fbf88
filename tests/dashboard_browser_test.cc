// The dashboard in a real browser against the whole suite with the demo data:
// this starts the suite (the gateway serving the built dashboard) and runs
// dashboard/test/browser_test.mjs, which drives Debian's Chromium with
// puppeteer-core and checks the pages against the API; then, with the
// democracy service stopped, that its page says so. Screenshots go to the
// build directory's dashboard-screenshots/.
#include <gtest/gtest.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "tests/suite.h"

namespace unionhub {
namespace {

TEST(DashboardBrowserTest, OfficersSeeTheirFiguresInARealBrowser) {
  testing::SuiteOptions options;
  options.demo = true;
  options.gateway_flags = {"--dashboard_dir=" UNIONHUB_DASHBOARD_SITE};
  auto suite = testing::Suite::Start(options);
  ASSERT_TRUE(suite.ok()) << suite.status();
  auto browse = [&](absl::string_view phase) {
    int exit_code = -1;
    const std::string output = testing::RunCommand(
        absl::StrCat("PHASE=", phase,
                     " DASHBOARD_URL=", (*suite)->gateway_http(),
                     " BOOTSTRAP_KEY=", (*suite)->bootstrap_key(),
                     " SCREENSHOT_DIR=" UNIONHUB_SCREENSHOT_DIR
                     " node " UNIONHUB_BROWSER_TEST " 2>&1"),
        &exit_code);
    std::cout << output;
    EXPECT_EQ(exit_code, 0) << phase << ":\n" << output;
  };
  browse("all");
  // With a service gone, the page says so rather than going blank.
  (*suite)->democracy().Terminate();
  browse("democracy-down");
}

}  // namespace
}  // namespace unionhub
