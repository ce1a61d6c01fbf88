// deploy/ proven: the manifests render, validate and keep the policy
// (deploy/test/manifests_test.mjs), and the dev overlay runs under podman
// from the image built from this build (deploy/test/podman_test.sh). The
// scripts say what each checks; their figures (image size, start-up time,
// memory) are printed into the test log.
#include <gtest/gtest.h>

#include <iostream>

#include "tests/suite.h"

namespace unionhub {
namespace {

void RunScript(const std::string& command) {
  int exit_code = -1;
  const std::string output = testing::RunCommand(
      UNIONHUB_DEPLOY_DIR "/test/setup.sh && " + command + " 2>&1", &exit_code);
  std::cout << output;
  EXPECT_EQ(exit_code, 0) << output;
}

TEST(DeployTest, ManifestsRenderValidateAndKeepThePolicy) {
  RunScript("BUILD_DIR=" UNIONHUB_BUILD_DIR " node " UNIONHUB_DEPLOY_DIR
            "/test/manifests_test.mjs");
}

TEST(DeployTest, DevOverlayRunsUnderPodman) {
  RunScript(UNIONHUB_DEPLOY_DIR "/test/podman_test.sh " UNIONHUB_BUILD_DIR);
}

}  // namespace
}  // namespace unionhub
