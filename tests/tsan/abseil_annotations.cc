// ThreadSanitizer build only (UNIONHUB_SANITIZE=thread): tells TSan about
// Abseil's locks. Debian's Abseil is not built with TSan, so absl::Mutex (which
// our code and gRPC lock everywhere) synchronises through atomics TSan cannot
// see, and every guarded field would look raced. Abseil's own TSan build
// annotates these calls; this library does the same from outside: it is linked
// first into every binary of that build, so its definitions of the entry points
// below are the ones every caller (gRPC included) reaches, and each annotates
// and calls the real one.
//
// Waits that release the lock inside (Await, CondVar::Wait) are told to TSan as
// an unlock before and a lock after: others see what we wrote before waiting,
// we see what they wrote before we returned. Calls Abseil makes to itself
// inside an annotated call are not annotated again (`depth`).

#include <dlfcn.h>
#include <link.h>
#include <sanitizer/tsan_interface.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"

namespace {

thread_local int depth = 0;

// The real function, found after this library in the lookup order. `rest` is
// the mangled name after absl's inline namespace ("5Mutex4LockEv").
template <typename Fn>
Fn Real(const char* rest, bool is_const = false) {
#define UNIONHUB_STRINGIFY2(x) #x
#define UNIONHUB_STRINGIFY(x) UNIONHUB_STRINGIFY2(x)
  const std::string ns = UNIONHUB_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  const std::string name = std::string(is_const ? "_ZNK4absl" : "_ZN4absl") +
                           std::to_string(ns.size()) + ns + rest;
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    std::fprintf(stderr, "tsan abseil annotations: %s not found\n",
                 name.c_str());
    std::abort();
  }
  return reinterpret_cast<Fn>(fn);
}

// The main program's code: the only instrumented code there is (our libraries
// are static). Locks taken by gRPC inside its own (uninstrumented) libraries
// guard memory TSan never sees written, and their objects change hands through
// atomics it cannot see either, so telling TSan about those locks only makes
// noise.
struct Range {
  uintptr_t begin = UINTPTR_MAX, end = 0;
};
Range MainProgram() {
  Range range;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        auto* r = static_cast<Range*>(out);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X)) continue;
          r->begin =
              std::min<uintptr_t>(r->begin, info->dlpi_addr + ph.p_vaddr);
          r->end = std::max<uintptr_t>(
              r->end, info->dlpi_addr + ph.p_vaddr + ph.p_memsz);
        }
        return 1;  // the first object is the main program
      },
      &range);
  return range;
}

bool FromOurCode(void* caller) {
  static const Range main_program = MainProgram();
  const auto pc = reinterpret_cast<uintptr_t>(caller);
  return pc >= main_program.begin && pc < main_program.end;
}

// Marks a call as one to annotate: the outermost on this thread, from our code.
struct Scope {
  explicit Scope(void* caller)
      : annotate(depth++ == 0 && FromOurCode(caller)) {}
  ~Scope() { --depth; }
  const bool annotate;
};
#define UNIONHUB_SCOPE Scope scope(__builtin_return_address(0))

constexpr unsigned kRead = __tsan_mutex_read_lock;
constexpr unsigned kTry = __tsan_mutex_try_lock;

// Lock and unlock as TSan should see them; `call` does the real work.
template <typename Call>
auto Locking(const Scope& scope, void* mu, unsigned flags, Call call) {
  if (!scope.annotate) return call();
  __tsan_mutex_pre_lock(mu, flags);
  auto result = call();
  __tsan_mutex_post_lock(mu, flags, 0);
  return result;
}

template <typename Call>
bool TryLocking(const Scope& scope, void* mu, unsigned flags, Call call) {
  if (!scope.annotate) return call();
  __tsan_mutex_pre_lock(mu, flags | kTry);
  const bool locked = call();
  __tsan_mutex_post_lock(
      mu, flags | kTry | (locked ? 0 : __tsan_mutex_try_lock_failed), 0);
  return locked;
}

template <typename Call>
void Unlocking(const Scope& scope, void* mu, unsigned flags, Call call) {
  if (!scope.annotate) return call();
  __tsan_mutex_pre_unlock(mu, flags);
  call();
  __tsan_mutex_post_unlock(mu, flags);
}

// A wait that gives up the (exclusive) lock inside and holds it again on
// return.
template <typename Call>
auto Waiting(const Scope& scope, void* mu, Call call) {
  if (!scope.annotate) return call();
  __tsan_mutex_pre_unlock(mu, 0);
  __tsan_mutex_post_unlock(mu, 0);
  __tsan_mutex_pre_lock(mu, 0);
  auto result = call();
  __tsan_mutex_post_lock(mu, 0, 0);
  return result;
}

struct Done {};  // what a void call returns to the templates above

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

#define UNIONHUB_REAL(type, rest, ...) \
  static const auto real = Real<type>(rest, ##__VA_ARGS__)

void Mutex::Lock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*), "5Mutex4LockEv");
  UNIONHUB_SCOPE;
  Locking(scope, this, 0, [&] { return real(this), Done{}; });
}
void Mutex::ReaderLock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*), "5Mutex10ReaderLockEv");
  UNIONHUB_SCOPE;
  Locking(scope, this, kRead, [&] { return real(this), Done{}; });
}
bool Mutex::TryLock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(bool (*)(Mutex*), "5Mutex7TryLockEv");
  UNIONHUB_SCOPE;
  return TryLocking(scope, this, 0, [&] { return real(this); });
}
bool Mutex::ReaderTryLock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(bool (*)(Mutex*), "5Mutex13ReaderTryLockEv");
  UNIONHUB_SCOPE;
  return TryLocking(scope, this, kRead, [&] { return real(this); });
}
void Mutex::Unlock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*), "5Mutex6UnlockEv");
  UNIONHUB_SCOPE;
  Unlocking(scope, this, 0, [&] { real(this); });
}
void Mutex::ReaderUnlock() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*), "5Mutex12ReaderUnlockEv");
  UNIONHUB_SCOPE;
  Unlocking(scope, this, kRead, [&] { real(this); });
}
void Mutex::LockWhen(const Condition& cond) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*, const Condition&),
                "5Mutex8LockWhenERKNS0_9ConditionE");
  UNIONHUB_SCOPE;
  Locking(scope, this, 0, [&] { return real(this, cond), Done{}; });
}
void Mutex::ReaderLockWhen(const Condition& cond)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(Mutex*, const Condition&),
                "5Mutex14ReaderLockWhenERKNS0_9ConditionE");
  UNIONHUB_SCOPE;
  Locking(scope, this, kRead, [&] { return real(this, cond), Done{}; });
}
bool Mutex::LockWhenWithTimeout(const Condition& cond, Duration timeout)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(bool (*)(Mutex*, const Condition&, Duration),
                "5Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  UNIONHUB_SCOPE;
  return Locking(scope, this, 0, [&] { return real(this, cond, timeout); });
}
bool Mutex::LockWhenWithDeadline(const Condition& cond,
                                 Time deadline) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(bool (*)(Mutex*, const Condition&, Time),
                "5Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  UNIONHUB_SCOPE;
  return Locking(scope, this, 0, [&] { return real(this, cond, deadline); });
}
void Mutex::Await(const Condition& cond) {
  UNIONHUB_REAL(void (*)(Mutex*, const Condition&),
                "5Mutex5AwaitERKNS0_9ConditionE");
  UNIONHUB_SCOPE;
  Waiting(scope, this, [&] { return real(this, cond), Done{}; });
}
bool Mutex::AwaitWithTimeout(const Condition& cond, Duration timeout) {
  UNIONHUB_REAL(bool (*)(Mutex*, const Condition&, Duration),
                "5Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  UNIONHUB_SCOPE;
  return Waiting(scope, this, [&] { return real(this, cond, timeout); });
}
bool Mutex::AwaitWithDeadline(const Condition& cond, Time deadline) {
  UNIONHUB_REAL(bool (*)(Mutex*, const Condition&, Time),
                "5Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  UNIONHUB_SCOPE;
  return Waiting(scope, this, [&] { return real(this, cond, deadline); });
}
Mutex::~Mutex() {
  UNIONHUB_REAL(void (*)(Mutex*), "5MutexD2Ev");
  if (FromOurCode(__builtin_return_address(0)))
    __tsan_mutex_destroy(this, __tsan_mutex_not_static);
  real(this);
}

void ReleasableMutexLock::Release() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  UNIONHUB_REAL(void (*)(ReleasableMutexLock*),
                "19ReleasableMutexLock7ReleaseEv");
  // The lock's only member is the mutex it holds.
  Mutex* mu = *reinterpret_cast<Mutex**>(this);
  UNIONHUB_SCOPE;
  Unlocking(scope, mu, 0, [&] { real(this); });
}

void CondVar::Wait(Mutex* mu) {
  UNIONHUB_REAL(void (*)(CondVar*, Mutex*), "7CondVar4WaitEPNS0_5MutexE");
  UNIONHUB_SCOPE;
  Waiting(scope, mu, [&] { return real(this, mu), Done{}; });
}
bool CondVar::WaitWithTimeout(Mutex* mu, Duration timeout) {
  UNIONHUB_REAL(bool (*)(CondVar*, Mutex*, Duration),
                "7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE");
  UNIONHUB_SCOPE;
  return Waiting(scope, mu, [&] { return real(this, mu, timeout); });
}
bool CondVar::WaitWithDeadline(Mutex* mu, Time deadline) {
  UNIONHUB_REAL(bool (*)(CondVar*, Mutex*, Time),
                "7CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE");
  UNIONHUB_SCOPE;
  return Waiting(scope, mu, [&] { return real(this, mu, deadline); });
}

// A notification is a release by Notify and an acquire by a wait that saw it.
void Notification::Notify() {
  UNIONHUB_REAL(void (*)(Notification*), "12Notification6NotifyEv");
  UNIONHUB_SCOPE;
  if (scope.annotate) __tsan_release(this);
  real(this);
}
void Notification::WaitForNotification() const {
  UNIONHUB_REAL(void (*)(const Notification*),
                "12Notification19WaitForNotificationEv", true);
  UNIONHUB_SCOPE;
  real(this);
  if (scope.annotate) __tsan_acquire(const_cast<Notification*>(this));
}
bool Notification::WaitForNotificationWithTimeout(Duration timeout) const {
  UNIONHUB_REAL(bool (*)(const Notification*, Duration),
                "12Notification30WaitForNotificationWithTimeoutENS0_8DurationE",
                true);
  UNIONHUB_SCOPE;
  const bool notified = real(this, timeout);
  if (notified && scope.annotate)
    __tsan_acquire(const_cast<Notification*>(this));
  return notified;
}
bool Notification::WaitForNotificationWithDeadline(Time deadline) const {
  UNIONHUB_REAL(bool (*)(const Notification*, Time),
                "12Notification31WaitForNotificationWithDeadlineENS0_4TimeE",
                true);
  UNIONHUB_SCOPE;
  const bool notified = real(this, deadline);
  if (notified && scope.annotate)
    __tsan_acquire(const_cast<Notification*>(this));
  return notified;
}

ABSL_NAMESPACE_END
}  // namespace absl
