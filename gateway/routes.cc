#include "gateway/routes.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace unionhub::gateway {
namespace {

// Packages the gateway serves itself rather than forwarding.
constexpr absl::string_view kOwnPackage = "unionhub.gateway.v1";

}  // namespace

absl::StatusOr<std::unique_ptr<Routes>> Routes::Create(
    absl::string_view backends) {
  auto routes = std::make_unique<Routes>();
  for (absl::string_view entry :
       absl::StrSplit(backends, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts = absl::StrSplit(entry, '=');
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "backends: '", entry, "' is not of the form name=host:port"));
    }
    routes->backends_[parts[0]] =
        std::make_unique<Backend>(Backend{parts[0], parts[1]});
  }
  return routes;
}

absl::StatusOr<const Route*> Routes::Find(absl::string_view path) {
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = routes_.find(path);
    if (it != routes_.end()) return it->second.get();
  }
  // Only real methods are remembered, so made-up paths cannot grow the map.
  absl::StatusOr<std::unique_ptr<Route>> route = Resolve(path);
  if (!route.ok()) return route.status();
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = routes_.try_emplace((*route)->path, *std::move(route));
  return it->second.get();
}

absl::StatusOr<std::unique_ptr<Route>> Routes::Resolve(absl::string_view path) {
  auto unknown = [&] {
    return absl::UnimplementedError(
        absl::StrCat("unknown method '", path, "'"));
  };
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  if (parts.size() != 3 || !parts[0].empty()) return unknown();
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          std::string(parts[1]));
  if (service == nullptr) return unknown();
  const google::protobuf::MethodDescriptor* method =
      service->FindMethodByName(std::string(parts[2]));
  if (method == nullptr) return unknown();

  auto route = std::make_unique<Route>();
  route->path = std::string(path);
  route->method = method;
  route->access = method->options().GetExtension(api::v1::access);
  // Unmarked methods are never exposed: the mark is how a method opts in.
  if (route->access != api::v1::ACCESS_READ &&
      route->access != api::v1::ACCESS_WRITE) {
    return absl::PermissionDeniedError(absl::StrCat(
        method->full_name(),
        " is internal to unionhub and not reachable through the gateway"));
  }
  const std::string& package = service->file()->package();
  if (package == kOwnPackage) return route;
  std::vector<absl::string_view> names = absl::StrSplit(package, '.');
  if (names.size() != 3 || names[0] != "unionhub") return unknown();
  auto backend = backends_.find(names[1]);
  if (backend == backends_.end()) {
    return absl::UnimplementedError(
        absl::StrCat("no backend serves ", package, " in this installation"));
  }
  route->backend = backend->second.get();
  return route;
}

}  // namespace unionhub::gateway
