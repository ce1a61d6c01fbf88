# Helpers shared by every directory of the build.

# unionhub_proto_library(NAME PROTOS <files relative to proto/> DEPS <targets>)
# One static library per proto package; generated code lives only in the build tree and
# is compiled once, so editing service code never rebuilds it.
function(unionhub_proto_library name)
  cmake_parse_arguments(ARG "" "ROOT" "PROTOS;DEPS" ${ARGN})
  if(NOT ARG_ROOT)
    set(ARG_ROOT ${PROJECT_SOURCE_DIR}/proto)
  endif()
  set(files)
  foreach(p ${ARG_PROTOS})
    list(APPEND files ${ARG_ROOT}/${p})
  endforeach()
  add_library(${name} STATIC ${files})
  set(out ${PROJECT_BINARY_DIR}/gen)
  set(imports ${PROJECT_SOURCE_DIR}/proto ${PROJECT_SOURCE_DIR}/third_party/googleapis)
  protobuf_generate(TARGET ${name} LANGUAGE cpp IMPORT_DIRS ${imports}
                    PROTOC_OUT_DIR ${out})
  get_target_property(grpc_plugin gRPC::grpc_cpp_plugin LOCATION)
  protobuf_generate(TARGET ${name} LANGUAGE grpc IMPORT_DIRS ${imports}
                    PROTOC_OUT_DIR ${out}
                    GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
                    PLUGIN "protoc-gen-grpc=${grpc_plugin}")
  target_include_directories(${name} PUBLIC ${out})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf gRPC::grpc++ ${ARG_DEPS})
  # Generated code is not ours to lint.
  target_compile_options(${name} PRIVATE -w)
endfunction()

# unionhub_test(NAME SOURCES <files> DEPS <targets> [MYSQL])
# A GoogleTest binary run by ctest. MYSQL tests also run against the throwaway MariaDB
# that the mariadb fixture starts; they read its URL from UNIONHUB_TEST_MYSQL_URL_FILE.
function(unionhub_test name)
  cmake_parse_arguments(ARG "MYSQL" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock
                        GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name})
  if(ARG_MYSQL)
    set_tests_properties(${name} PROPERTIES
      FIXTURES_REQUIRED mariadb
      ENVIRONMENT "UNIONHUB_TEST_MYSQL_URL_FILE=${PROJECT_BINARY_DIR}/mariadb/url")
  endif()
endfunction()

# unionhub_migrations(TARGET DIR) embeds DIR/NNNN_name.sql into TARGET as
# `const std::vector<unionhub::sql::Migration>& <TARGET>_migrations()`.
function(unionhub_migrations target dir)
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT sql_files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cc)
  # A ';'-list would be split by the shell; pass it '|'-separated.
  string(REPLACE ";" "|" files_arg "${sql_files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${target}
            -DFILES=${files_arg} -P ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    COMMENT "Embedding migrations of ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# unionhub_fuzz(NAME SOURCES <files> DEPS <targets> INSTRUMENT <library sources>)
# A libFuzzer target, built only in the clang AddressSanitizer build (see
# ./unionhub). INSTRUMENT names the library sources under test, which get the
# coverage the fuzzer steers by. ctest runs it over its seed corpus in
# tests/fuzz/corpus/NAME for UNIONHUB_FUZZ_SECONDS (tests/fuzz/run.sh).
function(unionhub_fuzz name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;INSTRUMENT" ${ARGN})
  if(NOT UNIONHUB_FUZZ)
    return()
  endif()
  set_source_files_properties(${ARG_INSTRUMENT} PROPERTIES
    COMPILE_OPTIONS -fsanitize=fuzzer-no-link)
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  add_test(NAME ${name} COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh
    $<TARGET_FILE:${name}> ${PROJECT_BINARY_DIR}/fuzz/${name}
    ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name})
endfunction()
