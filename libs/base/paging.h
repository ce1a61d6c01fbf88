// List pagination shared by every List method: page sizes and opaque page
// tokens.
#ifndef UNIONHUB_LIBS_BASE_PAGING_H_
#define UNIONHUB_LIBS_BASE_PAGING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/base/errors.h"

namespace unionhub {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// One page of a List answer.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // Empty on the last page.
};

// 0 means the default; larger than the maximum is cut to it; negative is
// refused.
absl::StatusOr<int> PageSize(int requested);

// An opaque token: base64url of a kind letter (which list issued it) and the
// keyset position (e.g. the last row's name and id). Parts must not hold
// control characters.
std::string EncodePageToken(char kind,
                            const std::vector<std::string>& position);
// INVALID_ARGUMENT naming page_token unless it is a token of `kind` with
// `parts` parts.
absl::StatusOr<std::vector<std::string>> DecodePageToken(
    char kind, absl::string_view token, size_t parts);

// What a List request asks for: a page of `size` rows after the keyset
// position `after` (empty on the first page).
struct PageRequest {
  int size = 0;
  std::vector<std::string> after;
  // Rows to fetch: one more than the page says whether another follows.
  int limit() const { return size + 1; }
  // For lists ordered by id alone: the id to continue before or after
  // (empty on the first page).
  std::string after_id() const { return after.empty() ? "" : after[0]; }
  // For lists ordered by a number (a position, a proposal's number): the
  // number to continue after (0 on the first page); INVALID_ARGUMENT naming
  // page_token when the token holds none.
  absl::StatusOr<int> after_number() const;
};
// Reads page_size and page_token (a token of `token_kind` with
// `position_parts` parts); problems go into `v` under those names, so a List
// reports them with its other fields.
PageRequest ReadPageRequest(Violations& v, int page_size,
                            absl::string_view page_token, char token_kind,
                            size_t position_parts);

// Cuts rows fetched with a limit of page_size + 1 to one page; the extra row,
// if any, says another page exists, whose token holds position_of(last row on
// this page).
template <typename T, typename PositionOf>
Page<T> MakePage(std::vector<T> rows, int page_size, char token_kind,
                 PositionOf position_of) {
  Page<T> page;
  if (rows.size() > static_cast<size_t>(page_size)) {
    rows.resize(page_size);
    page.next_page_token =
        EncodePageToken(token_kind, position_of(rows.back()));
  }
  page.items = std::move(rows);
  return page;
}

// MakePage for lists ordered by id alone: the position is the last row's id.
template <typename T>
Page<T> MakePageById(std::vector<T> rows, int page_size, char token_kind) {
  return MakePage(std::move(rows), page_size, token_kind, [](const T& row) {
    return std::vector<std::string>{row.id};
  });
}

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_PAGING_H_
