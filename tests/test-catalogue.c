/* test-catalogue.c: the built-in catalogue loads, and holds what an audio
 * engineer expects to find in it, wired as the references say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-types.h"

static PwTypeSet *builtin;

static const PwPortType *
port_of (const char *type_id,
         const char *port_id)
{
  PwDeviceType *type = pw_type_set_lookup_device (builtin, type_id);
  int p;

  g_assert_nonnull (type);
  p = pw_device_type_find_port (type, port_id);
  g_assert_cmpint (p, >=, 0);
  return &type->ports[p];
}

static const char *
role_at (const PwPortType *port,
         const char       *contact)
{
  int c = pw_family_find_contact (port->family, contact);

  g_assert_cmpint (c, >=, 0);
  return pw_role_to_string (port->roles[c]);
}

static void
test_counts (void)
{
  g_autoptr(GPtrArray) devices = pw_type_set_list_device_types (builtin);
  g_autoptr(GPtrArray) cables = pw_type_set_list_cable_types (builtin);

  g_assert_cmpuint (devices->len, >=, 45);
  g_assert_cmpuint (cables->len, >=, 30);
}

static void
test_required_types (void)
{
  static const char * const devices[] = {
    "dynamic-mic", "condenser-mic", "ribbon-mic-vintage", "stereo-mic-xlr5", "passive-di",
    "active-di", "electric-guitar", "electric-bass", "keyboard", "turntable", "cd-player",
    "streamer", "phone", "laptop", "small-mixer", "live-desk-16", "dj-mixer", "interface-2in",
    "interface-8in", "headphone-amp", "headphones-35", "headphones-635", "headphones-44",
    "headphones-xlr4", "headphones-dual-xlr", "powered-monitor", "passive-speaker", "power-amp",
    "guitar-amp", "stage-box-16", "wall-plate-xlr-trs", "patchbay-trs-8", "mic-splitter",
    "aes3-recorder", "midi-controller", "midi-sound-module", "mic-splitter-iso",
    "inline-pad-20", "inline-pad-40", "line-isolator", "aes-isolator",
  };
  static const char * const cables[] = {
    "xlr-f-m", "xlr-f-trs", "xlr-m-trs", "trs-trs", "ts-ts", "trs-ts", "xlr-f-ts", "rca-rca",
    "rca-ts", "trs35-2rca", "trs35-2ts", "trs35-trs35", "adapter-35-635", "insert-y", "nl4-nl4",
    "nl4-binding", "aes3-110", "spdif-coax", "toslink", "midi", "xlr4-ext", "pentaconn-trs35",
    "trs35-pentaconn", "pentaconn-2xlr3", "trrs25-pentaconn", "usb-a-b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (pw_type_set_lookup_device (builtin, devices[i]) == NULL)
      g_error ("device type %s is missing", devices[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cables); i++)
    if (pw_type_set_lookup_cable (builtin, cables[i]) == NULL)
      g_error ("cable type %s is missing", cables[i]);
}

static void
test_pinouts (void)
{
  const PwPortType *p;

  /* XLR: pin 1 shield, 2 hot, 3 cold; outputs male (AES14). */
  p = port_of ("dynamic-mic", "out");
  g_assert_cmpstr (p->family->id, ==, "xlr3");
  g_assert_cmpint (p->gender, ==, PW_GENDER_MALE);
  g_assert_cmpstr (role_at (p, "1"), ==, "ground");
  g_assert_cmpstr (role_at (p, "2"), ==, "hot");
  g_assert_cmpstr (role_at (p, "3"), ==, "cold");
  g_assert_cmpint (p->output, ==, PW_OUTPUT_BALANCED);

  g_assert_cmpint (port_of ("condenser-mic", "out")->phantom, ==, PW_PHANTOM_REQUIRES);
  g_assert_cmpint (port_of ("ribbon-mic-vintage", "out")->phantom, ==, PW_PHANTOM_HARMED);

  /* 4.4 mm Pentaconn: T L+, R1 L−, R2 R+, R3 R−, S ground. */
  p = port_of ("headphones-44", "in");
  g_assert_cmpstr (role_at (p, "tip"), ==, "left_hot");
  g_assert_cmpstr (role_at (p, "ring1"), ==, "left_cold");
  g_assert_cmpstr (role_at (p, "ring2"), ==, "right_hot");
  g_assert_cmpstr (role_at (p, "ring3"), ==, "right_cold");
  g_assert_cmpstr (role_at (p, "sleeve"), ==, "ground");

  /* XLR-4 headphones: 1 L+, 2 L−, 3 R+, 4 R−. */
  p = port_of ("headphones-xlr4", "in");
  g_assert_cmpstr (role_at (p, "1"), ==, "left_hot");
  g_assert_cmpstr (role_at (p, "4"), ==, "right_cold");

  /* A phone's headphone socket: stereo on one ground. */
  p = port_of ("phone", "phones");
  g_assert_cmpstr (role_at (p, "tip"), ==, "left");
  g_assert_cmpstr (role_at (p, "ring"), ==, "right");
  g_assert_cmpstr (role_at (p, "sleeve"), ==, "ground");
  g_assert_cmpint (p->output, ==, PW_OUTPUT_SINGLE_ENDED);

  /* A small mixer's combo input: the XLR half is mic level, the jack half line. */
  p = port_of ("small-mixer", "ch1");
  g_assert_cmpstr (p->family->id, ==, "combo");
  g_assert_cmpint (p->level, ==, PW_LEVEL_MIC);
  g_assert_cmpint (p->jack_level, !=, PW_LEVEL_MIC);
  g_assert_cmpint (p->phantom, ==, PW_PHANTOM_AVAILABLE);
  g_assert_cmpint (p->input, ==, PW_INPUT_DIFFERENTIAL);

  /* Insert: tip send, ring return. */
  p = port_of ("small-mixer", "ins1");
  g_assert_cmpint (p->direction, ==, PW_DIRECTION_INSERT);
  g_assert_cmpstr (role_at (p, "tip"), ==, "send");
  g_assert_cmpstr (role_at (p, "ring"), ==, "return");

  /* MIDI: current loop on pins 4 and 5. */
  p = port_of ("midi-controller", "midi-out");
  g_assert_cmpstr (p->family->id, ==, "din5");
  g_assert_cmpint (p->signal, ==, PW_SIGNAL_MIDI);
}

static void
test_cables (void)
{
  PwCableType *c;

  c = pw_type_set_lookup_cable (builtin, "xlr-f-m");
  g_assert_true (c->balanced);
  g_assert_cmpuint (c->n_ends, ==, 2);

  c = pw_type_set_lookup_cable (builtin, "insert-y");
  g_assert_cmpuint (c->n_ends, ==, 3);

  /* XLR to TS: pins 1 and 3 joined. */
  c = pw_type_set_lookup_cable (builtin, "xlr-f-ts");
  {
    gboolean joined = FALSE;
    int a = pw_cable_type_find_end (c, "a");

    g_assert_cmpint (a, >=, 0);
    for (guint w = 0; w < c->n_wires; w++)
      {
        gboolean has1 = FALSE, has3 = FALSE;

        for (guint j = 0; j < c->wires[w].n_joins; j++)
          {
            if (c->wires[w].joins[j].port != a)
              continue;
            has1 |= c->wires[w].joins[j].contact == 0;
            has3 |= c->wires[w].joins[j].contact == 2;
          }
        joined |= has1 && has3;
      }
    g_assert_true (joined);
  }

  c = pw_type_set_lookup_cable (builtin, "aes3-110");
  g_assert_cmpstr (c->ends[0].family->id, ==, "xlr3");
  c = pw_type_set_lookup_cable (builtin, "adapter-35-635");
  g_assert_cmpint (c->kind, ==, PW_CABLE_KIND_ADAPTER);
}

/* Whether port @a of one type takes port @b of another, as plug and socket. */
static gboolean
ports_mate (const PwPortType *a,
            const PwPortType *b)
{
  const PwMate *mate;
  gboolean a_is_plug;

  return pw_connector_table_mate (pw_connector_table_get_default (), a->family, a->gender,
                                  b->family, b->gender, &mate, &a_is_plug) == PW_MATE_OK;
}

static void
test_v2_catalogue (void)
{
  const PwPortType *p;

  /* CTIA (T L, R1 R, R2 ground, S mic) and OMTP (R2 mic, S ground): the
   * headset's mic talks back up its plug, the phone's socket listens. */
  p = port_of ("phone-ctia", "headset");
  g_assert_cmpstr (role_at (p, "ring2"), ==, "ground");
  g_assert_cmpstr (role_at (p, "sleeve"), ==, "mic");
  g_assert_cmpint (pw_port_type_role_kind (p, PW_ROLE_MIC), ==, PW_ROLE_KIND_SINK);
  p = port_of ("phone-omtp", "headset");
  g_assert_cmpstr (role_at (p, "ring2"), ==, "mic");
  g_assert_cmpstr (role_at (p, "sleeve"), ==, "ground");
  p = port_of ("headset-trrs-omtp", "in");
  g_assert_cmpstr (role_at (p, "ring2"), ==, "mic");
  g_assert_cmpint (pw_port_type_role_kind (p, PW_ROLE_MIC), ==, PW_ROLE_KIND_DRIVER);
  g_assert_cmpstr (role_at (port_of ("laptop-headset", "headset"), "sleeve"), ==, "mic");
  g_assert_true (ports_mate (port_of ("headset-trrs", "in"), port_of ("phone-omtp", "headset")));
  /* A CTIA headset also plugs into a plain TRS headphone socket. */
  g_assert_true (ports_mate (port_of ("headset-trrs", "in"), port_of ("laptop", "phones")));

  /* Shure TA4: pin 1 ground, 2 bias, 3 audio, 4 load; TA4M on the pack. */
  p = port_of ("bodypack-transmitter-ta4", "in");
  g_assert_cmpstr (p->family->id, ==, "ta4");
  g_assert_cmpint (p->gender, ==, PW_GENDER_MALE);
  g_assert_cmpstr (role_at (p, "1"), ==, "ground");
  g_assert_cmpstr (role_at (p, "3"), ==, "signal");
  g_assert_cmpint (port_of ("lavalier-mic-ta4", "out")->gender, ==, PW_GENDER_FEMALE);
  g_assert_true (ports_mate (port_of ("lavalier-mic-ta4", "out"),
                             port_of ("bodypack-transmitter-ta4", "in")));

  /* NL8 bi-amp: 1± LF, 2± HF, as on an NL4. */
  p = port_of ("passive-speaker-biamp-nl8", "in");
  g_assert_cmpstr (role_at (p, "2+"), ==, "spk2_pos");
  g_assert_cmpstr (role_at (port_of ("power-amp-nl8", "out-nl8"), "2-"), ==, "spk2_neg");

  /* etherCON takes an RJ45 plug. */
  g_assert_cmpstr (port_of ("stage-box-ethercon", "net-a")->family->id, ==, "ethercon");
  g_assert_nonnull (pw_type_set_lookup_cable (builtin, "ethercon-cat5e"));

  /* Dual XLR-3 headphones (male plugs) fit the amplifier's female outputs. */
  g_assert_true (ports_mate (port_of ("headphones-dual-xlr", "in-l"),
                             port_of ("headphone-amp-dual-xlr", "out-l")));
  g_assert_cmpstr (role_at (port_of ("headphone-amp-dual-xlr", "out-r"), "2"), ==, "right_hot");

  /* Keyboards and stage pianos are class II: not earthed. */
  g_assert_false (pw_type_set_lookup_device (builtin, "keyboard")->earthed);
  g_assert_false (pw_type_set_lookup_device (builtin, "stage-piano")->earthed);

  /* A Scarlett-style 2-in interface: a Hi-Z jack, single-ended. */
  p = port_of ("interface-2in", "in1");
  g_assert_cmpint (p->jack_level, ==, PW_LEVEL_INSTRUMENT);
  g_assert_cmpint (p->jack_input, ==, PW_INPUT_SINGLE_ENDED);
  g_assert_false (p->phantom_on_jack);
}

/* The wire of @c that holds "end.contact", or -1. */
static int
wire_of (PwCableType *c,
         const char  *ref)
{
  g_auto(GStrv) parts = g_strsplit (ref, ".", 2);
  int end = pw_cable_type_find_end (c, parts[0]);
  int contact;

  g_assert_cmpint (end, >=, 0);
  contact = pw_family_find_contact (c->ends[end].family, parts[1]);
  g_assert_cmpint (contact, >=, 0);
  for (guint w = 0; w < c->n_wires; w++)
    for (guint j = 0; j < c->wires[w].n_joins; j++)
      if (c->wires[w].joins[j].port == end && c->wires[w].joins[j].contact == contact)
        return (int) w;
  return -1;
}

/* A phone's stereo lead: tip to the left leg, ring to the right, sleeve to
 * both sleeves (the stereo profile of a TRS plug). */
static void
test_stereo_breakouts (void)
{
  static const char * const ids[] = { "trs35-2ts", "trs35-2rca" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      PwCableType *c = pw_type_set_lookup_cable (builtin, ids[i]);
      gboolean rca = c->ends[1].family->n_contacts == 2 &&
                     g_str_equal (c->ends[1].family->contacts[0], "pin");
      const char *sig = rca ? "pin" : "tip", *gnd = rca ? "shield" : "sleeve";
      g_autofree char *lsig = g_strdup_printf ("l.%s", sig);
      g_autofree char *rsig = g_strdup_printf ("r.%s", sig);
      g_autofree char *lgnd = g_strdup_printf ("l.%s", gnd);
      g_autofree char *rgnd = g_strdup_printf ("r.%s", gnd);

      g_assert_cmpuint (c->n_ends, ==, 3);
      g_assert_false (c->balanced);
      g_assert_cmpstr (c->ends[0].family->id, ==, "trs-3.5");
      g_assert_cmpstr (c->ends[1].family->id, ==, rca ? "rca" : "ts-6.35");
      g_assert_cmpstr (c->ends[2].family->id, ==, c->ends[1].family->id);
      g_assert_cmpint (wire_of (c, "a.tip"), >=, 0);
      g_assert_cmpint (wire_of (c, "a.tip"), ==, wire_of (c, lsig));
      g_assert_cmpint (wire_of (c, "a.ring"), ==, wire_of (c, rsig));
      g_assert_cmpint (wire_of (c, "a.tip"), !=, wire_of (c, "a.ring"));
      g_assert_cmpint (wire_of (c, "a.sleeve"), ==, wire_of (c, lgnd));
      g_assert_cmpint (wire_of (c, "a.sleeve"), ==, wire_of (c, rgnd));
    }
}


static const PwCoupling *
coupling_to (const char *type_id,
             const char *to)
{
  PwDeviceType *type = pw_type_set_lookup_device (builtin, type_id);

  for (guint i = 0; i < type->n_couplings; i++)
    if (g_str_equal (type->ports[type->couplings[i].to].id, to))
      return &type->couplings[i];
  g_error ("%s has no coupling to %s", type_id, to);
  return NULL;
}

/* Whether a bridge of @type_id joins @a and @b, and lifts. */
static gboolean
bridged (const char *type_id,
         const char *a,
         const char *b,
         gboolean   *lift)
{
  PwDeviceType *type = pw_type_set_lookup_device (builtin, type_id);

  for (guint i = 0; i < type->n_bridges; i++)
    {
      const PwBridge *bridge = &type->bridges[i];
      gboolean has_a = FALSE, has_b = FALSE;

      for (guint j = 0; j < bridge->n_contacts; j++)
        {
          const PwPortType *port = &type->ports[bridge->contacts[j].port];
          g_autofree char *name = g_strdup_printf ("%s.%s", port->id,
                                                   port->family->contacts[bridge->contacts[j].contact]);

          has_a |= g_str_equal (name, a);
          has_b |= g_str_equal (name, b);
        }
      if (has_a && has_b)
        {
          *lift = bridge->lift;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_couplings (void)
{
  gboolean lift = FALSE;

  /* Passive DI (Radial JDI user guide, part 5: input and thru jacks wired in
   * parallel; balanced XLR out through a Jensen transformer, its ground
   * lift lifting pin 1 of the XLR). Instrument level steps down 20 dB to
   * mic level across the transformer. */
  g_assert_true (bridged ("passive-di", "in.tip", "thru.tip", &lift));
  g_assert_false (lift);
  g_assert_true (bridged ("passive-di", "in.sleeve", "out.1", &lift));
  g_assert_true (lift);
  g_assert_cmpint (coupling_to ("passive-di", "out")->kind, ==, PW_COUPLING_TRANSFORMER);
  g_assert_cmpfloat (coupling_to ("passive-di", "out")->pad_db, ==, 20);
  g_assert_cmpint (port_of ("passive-di", "in")->direction, ==, PW_DIRECTION_PASSIVE);

  /* Mic splitter (Jensen AN-005, Whitlock: the direct output hard-wired to
   * the input, phantom from its desk; the isolated output through a
   * transformer with a ground lift on pin 1). */
  g_assert_true (bridged ("mic-splitter-iso", "in.2", "direct.2", &lift));
  g_assert_false (lift);
  g_assert_true (bridged ("mic-splitter-iso", "in.1", "iso.1", &lift));
  g_assert_true (lift);
  g_assert_false (bridged ("mic-splitter-iso", "in.2", "iso.2", &lift));
  g_assert_cmpint (coupling_to ("mic-splitter-iso", "iso")->kind, ==, PW_COUPLING_TRANSFORMER);

  /* In-line attenuators: an H pad between hot and cold, ground carried
   * end to end (pin 1 to pin 1), so phantom passes. */
  g_assert_cmpint (coupling_to ("inline-pad-20", "out")->kind, ==, PW_COUPLING_PAD);
  g_assert_cmpfloat (coupling_to ("inline-pad-20", "out")->pad_db, ==, 20);
  g_assert_cmpfloat (coupling_to ("inline-pad-40", "out")->pad_db, ==, 40);
  g_assert_true (bridged ("inline-pad-40", "in.1", "out.1", &lift));
  g_assert_false (lift);
  g_assert_cmpstr (role_at (port_of ("inline-pad-40", "in"), "2"), ==, "hot");

  /* Isolation transformers (Radial LX-2 user guide: AES pin 1 ground, 2
   * hot, 3 cold; isolated output with a ground lift). The AES3 one
   * carries the 110 ohm pair on pins 2 and 3. */
  g_assert_cmpint (coupling_to ("line-isolator", "out")->kind, ==, PW_COUPLING_TRANSFORMER);
  g_assert_true (bridged ("line-isolator", "in.1", "out.1", &lift));
  g_assert_true (lift);
  g_assert_cmpint (port_of ("aes-isolator", "out")->signal, ==, PW_SIGNAL_AES3);
  g_assert_cmpstr (role_at (port_of ("aes-isolator", "out"), "2"), ==, "data_pos");
  g_assert_cmpstr (role_at (port_of ("aes-isolator", "out"), "3"), ==, "data_neg");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  builtin = pw_catalogue_get_builtin ();

  g_test_add_func ("/catalogue/counts", test_counts);
  g_test_add_func ("/catalogue/required-types", test_required_types);
  g_test_add_func ("/catalogue/pinouts", test_pinouts);
  g_test_add_func ("/catalogue/couplings", test_couplings);
  g_test_add_func ("/catalogue/cables", test_cables);
  g_test_add_func ("/catalogue/v2", test_v2_catalogue);
  g_test_add_func ("/catalogue/stereo-breakouts", test_stereo_breakouts);

  return g_test_run ();
}
