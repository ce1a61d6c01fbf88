# Writes OUT: a C++ file holding the SQL files FILES as unionhub::sql::Migration values.
# File names are NNNN_description.sql; NNNN is the version recorded in schema_migrations.
string(REPLACE "|" ";" FILES "${FILES}")
set(body "")
foreach(f ${FILES})
  get_filename_component(base ${f} NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.*)$" _ ${base})
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "migration ${f}: name must be NNNN_description.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ ${f} sql)
  string(APPEND body "      {${version}, \"${CMAKE_MATCH_2}\", R\"unionhub_sql(${sql})unionhub_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from migrations/*.sql by cmake/embed_migrations.cmake.
#include <vector>
#include \"libs/sql/migrate.h\"

const std::vector<unionhub::sql::Migration>& ${NAME}_migrations() {
  static const auto* migrations = new std::vector<unionhub::sql::Migration>{
${body}  };
  return *migrations;
}
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
