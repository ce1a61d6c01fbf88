// Money is int64 fen everywhere; this is how messages show it.
#ifndef UNIONHUB_LIBS_BASE_MONEY_H_
#define UNIONHUB_LIBS_BASE_MONEY_H_

#include <cstdint>
#include <string>

namespace unionhub {

// "1600.00 yuan", "-0.05 yuan".
std::string FormatYuan(int64_t fen);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_MONEY_H_
