/* fuzz-connectors.c: the connector table and type loaders under libFuzzer
 *
 * The same input is read as a connector table and as a set of device and
 * cable types (the shape of the catalogue files and the user library).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "pw-connector.h"
#include "pw-types.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
fuzz_connector_table (const uint8_t *data,
                      size_t         size)
{
  g_autoptr(PwConnectorTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const PwMate *mate;
  gboolean a_is_plug;

  table = pw_connector_table_new_from_data ((const char *) data, size, &error);
  if (table == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }

  /* Use what loaded: every family against every other, both genders. */
  for (guint i = 0; i < pw_connector_table_get_n_families (table); i++)
    {
      const PwFamily *a = pw_connector_table_get_family (table, i);

      if (pw_connector_table_lookup (table, a->id) != a)
        abort ();
      for (guint c = 0; c < a->n_contacts; c++)
        if (pw_family_find_contact (a, a->contacts[c]) != (int) c)
          abort ();
      for (guint j = 0; j < pw_connector_table_get_n_families (table); j++)
        {
          const PwFamily *b = pw_connector_table_get_family (table, j);

          for (int g = 0; g < 4; g++)
            if (pw_connector_table_mate (table, a, g & 1, b, g >> 1, &mate, &a_is_plug) ==
                PW_MATE_OK && mate == NULL)
              abort ();
        }
    }
}

static void
fuzz_type_set (const uint8_t *data,
               size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PwTypeSet) set = pw_type_set_new ();
  g_autoptr(GError) error = NULL;
  PwParseContext ctx = { 0 };
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  if (!pw_type_set_add_from_json (set, json_node_get_object (root), &ctx, &error))
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }

  {
    g_autoptr(GPtrArray) devices = pw_type_set_list_device_types (set);
    g_autoptr(GPtrArray) cables = pw_type_set_list_cable_types (set);

    for (guint i = 0; i < devices->len; i++)
      {
        PwDeviceType *type = g_ptr_array_index (devices, i);

        if (pw_type_set_lookup_device (set, type->id) != type)
          abort ();
        for (guint p = 0; p < type->n_ports; p++)
          if (pw_device_type_find_port (type, type->ports[p].id) != (int) p)
            abort ();
      }
    for (guint i = 0; i < cables->len; i++)
      {
        PwCableType *type = g_ptr_array_index (cables, i);

        if (pw_type_set_lookup_cable (set, type->id) != type)
          abort ();
      }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  fuzz_connector_table (data, size);
  fuzz_type_set (data, size);
  return 0;
}
