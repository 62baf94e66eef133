/* pw-finding.c: finding codes, their severities and their words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-finding.h"

static const PwCodeInfo codes[PW_N_CODES] = {
  [PW_CODE_CONNECTOR_MISMATCH] = {
    "connector-mismatch", PW_SEVERITY_ERROR,
    N_("The cable's connector does not fit this port"),
    N_("The plug and the socket belong to connector families that do not mate, so the cable "
       "cannot be plugged in here at all."),
    N_("Choose a cable or adapter whose end matches the port's connector."),
  },
  [PW_CODE_GENDER_MISMATCH] = {
    "gender-mismatch", PW_SEVERITY_ERROR,
    N_("Plug meets plug, or socket meets socket"),
    N_("Both sides are male or both are female: the connectors are of the right kind but "
       "cannot be pushed together."),
    N_("Use the other end of the cable, a cable of the opposite gender, or a gender changer."),
  },
  [PW_CODE_SIGNAL_MISMATCH] = {
    "signal-mismatch", PW_SEVERITY_ERROR,
    N_("The output's signal is not the kind the input takes"),
    N_("The connectors fit, but the output sends one kind of signal (for example AES3 digital "
       "audio) and the input expects another (for example analog audio). Shared connectors "
       "such as XLR carry several kinds of signal."),
    N_("Connect the output to an input of the same signal kind, or put a converter between them."),
  },
  [PW_CODE_OUTPUTS_JOINED] = {
    "outputs-joined", PW_SEVERITY_ERROR,
    N_("Two outputs drive the same wire"),
    N_("The outputs of two devices are tied together, for instance with a Y-cable used to sum "
       "them. Each output fights the other: the sum is distorted and the output stages can be "
       "damaged."),
    N_("Mix the signals with a mixer or a summing box, never with a Y-cable."),
  },
  [PW_CODE_OUTPUT_SHORT] = {
    "output-short", PW_SEVERITY_ERROR,
    N_("An output is shorted"),
    N_("A driven contact of the output is wired to ground or to another of its own driven "
       "contacts. A mono plug in a stereo output grounds the right channel; a balanced "
       "headphone output adapted to single-ended grounds both negative legs. Many amplifiers "
       "survive this, some do not."),
    N_("Use a cable or adapter that leaves the output's driven contacts apart, or a device "
       "whose output is meant to be adapted."),
  },
  [PW_CODE_STEREO_INTO_BALANCED_INPUT] = {
    "stereo-into-balanced-input", PW_SEVERITY_ERROR,
    N_("Stereo into a balanced input: the input hears L−R"),
    N_("The left and right channels arrive on the hot and cold legs of a balanced input, which "
       "amplifies their difference. Whatever is the same in both channels, usually the voice "
       "and the bass, cancels out."),
    N_("Split the stereo output with a TRS-to-two-TS (or two-XLR) cable into two inputs, or "
       "use a stereo input."),
  },
  [PW_CODE_LEVEL_SPEAKER_INTO_LINE] = {
    "level-speaker-into-line", PW_SEVERITY_ERROR,
    N_("A speaker output drives an input that is not speaker level"),
    N_("A power amplifier's speaker output swings tens of volts, many times what a line or "
       "instrument input can take. The input stage can burn out."),
    N_("Connect speaker outputs only to speakers, or use a load box or line-out converter."),
  },
  [PW_CODE_PHANTOM_INTO_UNBALANCED] = {
    "phantom-into-unbalanced", PW_SEVERITY_ERROR,
    N_("Phantom power is on into an unbalanced source or a grounded leg"),
    N_("Phantom power puts 48 V on both signal legs of the input. An unbalanced output, or a "
       "cable that ties one leg to ground, lets that voltage drive current into the source and "
       "can damage it."),
    N_("Turn phantom power off on this input, or feed the source through a DI box."),
  },
  [PW_CODE_PHANTOM_HARM] = {
    "phantom-harm", PW_SEVERITY_ERROR,
    N_("Phantom power is on into a source that it harms"),
    N_("This source (for example a vintage ribbon microphone) can be damaged by phantom power, "
       "especially when a cable is plugged in or out while it is on."),
    N_("Turn phantom power off on this input before connecting the source."),
  },
  [PW_CODE_DIGITAL_SPLIT] = {
    "digital-split", PW_SEVERITY_ERROR,
    N_("One digital output feeds several inputs"),
    N_("Digital audio and control links (AES3, S/PDIF, ADAT, MIDI, DMX) are point to point: a "
       "Y-split breaks the line impedance and the receivers lose lock or read garbage."),
    N_("Use a distribution amplifier, a MIDI thru box or a DMX splitter."),
  },
  [PW_CODE_STEREO_TRS_NOT_BALANCED] = {
    "stereo-trs-not-balanced", PW_SEVERITY_WARNING,
    N_("TRS carrying stereo is not balanced"),
    N_("Left and right share one ground on this cable. A cable sold as balanced, or a balanced "
       "port, does not make stereo balanced: each channel is an unbalanced signal."),
    N_("Treat this link as two unbalanced channels: keep it short, or split it into two "
       "balanced links with DI boxes."),
  },
  [PW_CODE_COLD_FLOATING] = {
    "cold-floating", PW_SEVERITY_WARNING,
    N_("The balanced input's cold leg is left floating"),
    N_("Signal reaches the hot leg of a balanced input, but nothing drives or grounds the cold "
       "leg, as with a TRS plug in a TS socket. The input picks up hum and the level can drop."),
    N_("Use a TS cable, or a cable that ties the cold leg to the source's ground."),
  },
  [PW_CODE_COLD_LEG_GROUNDED] = {
    "cold-leg-grounded", PW_SEVERITY_WARNING,
    N_("The balanced output's cold leg is grounded"),
    N_("An active balanced output has its cold leg tied to ground. The level drops by about "
       "6 dB and some output stages become unstable or distort."),
    N_("Use a balanced cable into a balanced input, or a cable that leaves the cold leg unconnected."),
  },
  [PW_CODE_POLARITY_INVERTED] = {
    "polarity-inverted", PW_SEVERITY_WARNING,
    N_("The polarity is inverted"),
    N_("The source's positive leg arrives on the input's negative one. Alone this is inaudible, "
       "but mixed with other sources of the same sound it cancels low frequencies, and in one "
       "side of a stereo pair it blurs the image."),
    N_("Use a cable wired pin for pin, or flip the polarity at the input."),
  },
  [PW_CODE_PHANTOM_MISSING] = {
    "phantom-missing", PW_SEVERITY_ERROR,
    N_("The source needs phantom power, which this input does not give"),
    N_("Condenser microphones and active DI boxes draw their power through the cable. Without "
       "phantom power they are silent or weak."),
    N_("Switch phantom power on at this input, or use an input or preamp that has it."),
  },
  [PW_CODE_LEVEL_LINE_INTO_MIC] = {
    "level-line-into-mic", PW_SEVERITY_WARNING,
    N_("A line-level source into a microphone input"),
    N_("Line and headphone outputs are tens of decibels hotter than a microphone. The preamp "
       "overloads and distorts even at its lowest gain."),
    N_("Use a line input, a pad, or a DI box."),
  },
  [PW_CODE_LEVEL_MIC_INTO_LINE] = {
    "level-mic-into-line", PW_SEVERITY_WARNING,
    N_("A microphone into a line input"),
    N_("A microphone gives a few millivolts; a line input expects about a volt. The signal is "
       "far too quiet and, once turned up, noisy."),
    N_("Use a microphone input or a microphone preamp."),
  },
  [PW_CODE_LEVEL_INSTRUMENT_INTO_LINE] = {
    "level-instrument-into-line", PW_SEVERITY_WARNING,
    N_("An instrument into an input that is not an instrument input"),
    N_("A passive pickup needs a high input impedance (about 1 MΩ). A line or microphone input "
       "loads it: the sound turns dull and thin."),
    N_("Use a DI box or a Hi-Z instrument input."),
  },
  [PW_CODE_LEVEL_PRO_INTO_CONSUMER] = {
    "level-pro-into-consumer", PW_SEVERITY_WARNING,
    N_("A +4 dBu output into a −10 dBV input"),
    N_("Professional line level is about 12 dB hotter than consumer level; the input can "
       "overload and distort."),
    N_("Turn the output down, switch the input to +4 dBu, or use a level converter."),
  },
  [PW_CODE_LEVEL_PHONO_NEEDS_PREAMP] = {
    "level-phono-needs-preamp", PW_SEVERITY_WARNING,
    N_("A turntable into an input without a phono preamp"),
    N_("A phono cartridge gives a few millivolts without the RIAA equalisation: into a line "
       "input it is very quiet and thin, with no bass."),
    N_("Use a phono input or a phono preamp."),
  },
  [PW_CODE_LONG_UNBALANCED_RUN] = {
    "long-unbalanced-run", PW_SEVERITY_WARNING,
    N_("A long unbalanced run"),
    N_("Unbalanced links pick up hum and lose treble with length. Past 5 m (6 m for an "
       "instrument cable) the loss is audible."),
    N_("Shorten the run, or convert to balanced with a DI box at the source."),
  },
  [PW_CODE_CABLE_TOO_LONG] = {
    "cable-too-long", PW_SEVERITY_WARNING,
    N_("The cable is longer than its format allows"),
    N_("Each format has a practical length limit: AES3 100 m, S/PDIF coax and TOSLINK 10 m, "
       "MIDI 15 m, USB 2 5 m, balanced analog 300 m. Beyond it the link drops out or loses "
       "quality."),
    N_("Shorten the run, or use a repeater, a converter or a longer-reaching format."),
  },
  [PW_CODE_GROUND_LOOP_RISK] = {
    "ground-loop-risk", PW_SEVERITY_WARNING,
    N_("Risk of a ground loop: unbalanced link between two earthed devices"),
    N_("Both devices are earthed through their mains plugs, and the unbalanced cable's shield "
       "makes a second ground path. The loop picks up mains hum."),
    N_("Use a balanced link, an isolation transformer or DI box, or a ground lift on one end. "
       "Never remove the mains safety earth."),
  },
  [PW_CODE_UNBALANCED_SOURCE] = {
    "unbalanced-source", PW_SEVERITY_INFO,
    N_("Unbalanced source: a balanced cable or input cannot make it balanced"),
    N_("The source is unbalanced, so the link is unbalanced whatever the cable or the input. "
       "Wiring the source's ground to the input's cold leg on its own conductor still keeps "
       "most of the hum rejection."),
    N_("Keep the run short, or use a DI box for a long one."),
  },
  [PW_CODE_LEVEL_CONSUMER_INTO_PRO] = {
    "level-consumer-into-pro", PW_SEVERITY_INFO,
    N_("A −10 dBV output into a +4 dBu input"),
    N_("Consumer line level is about 12 dB below professional level: the signal is weak and "
       "needs extra gain."),
    N_("Add gain at the input, switch it to −10 dBV, or use a level converter."),
  },
  [PW_CODE_ONE_CHANNEL_ONLY] = {
    "one-channel-only", PW_SEVERITY_INFO,
    N_("Only one channel of a stereo pair arrives"),
    N_("One channel of a stereo output reaches an input and the other reaches none, or a "
       "stereo input gets only one channel."),
    N_("Connect both channels, or use a mono output."),
  },
  [PW_CODE_CABLE_END_OPEN] = {
    "cable-end-open", PW_SEVERITY_INFO,
    N_("A cable end is not plugged in"),
    N_("The cable is planned but one of its ends goes nowhere yet."),
    N_("Plug the end into a port, or remove the cable."),
  },
  [PW_CODE_NO_SOURCE] = {
    "no-source", PW_SEVERITY_ERROR,
    N_("The cable joins inputs only: nothing can arrive"),
    N_("Every end of the cable is plugged in, but only into inputs (for example MIDI IN to "
       "MIDI IN), and no output drives any of its wires."),
    N_("Plug one end into an output instead."),
  },
  [PW_CODE_REFERENCE_MISSING] = {
    "reference-missing", PW_SEVERITY_ERROR,
    N_("The signal has no return to its source"),
    N_("An unbalanced input is reached by a signal, but its ground meets neither the source's "
       "ground nor its cold leg: the current has no way back, so the signal is lost or "
       "hollow. A broken shield, a lifted pin 1 on an unbalanced link or a headset of the "
       "other standard (CTIA in an OMTP socket, or the reverse) does this."),
    N_("Use a cable that carries the ground, or a headset adapter between CTIA and OMTP."),
  },
  [PW_CODE_DIGITAL_FORMAT_ADAPTED] = {
    "digital-format-adapted", PW_SEVERITY_WARNING,
    N_("AES3 and S/PDIF meet through an adapter"),
    N_("AES3 and S/PDIF carry the same frames at another level and impedance (110 Ω balanced "
       "against 75 Ω unbalanced). Many receivers lock to the other format, some do not or "
       "drop out."),
    N_("Use a 110/75 Ω transformer between them, or a format converter."),
  },
};

const PwCodeInfo *
pw_code_get_info (PwCode code)
{
  g_return_val_if_fail (code < PW_N_CODES, NULL);
  return &codes[code];
}

gboolean
pw_code_from_string (const char *str,
                     PwCode     *code)
{
  for (guint i = 0; i < PW_N_CODES; i++)
    {
      if (g_strcmp0 (codes[i].code, str) == 0)
        {
          *code = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pw_severity_to_string (PwSeverity severity)
{
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      return "error";
    case PW_SEVERITY_WARNING:
      return "warning";
    case PW_SEVERITY_INFO:
    default:
      return "info";
    }
}

const char *
pw_code_get_message (PwCode code)
{
  return _(pw_code_get_info (code)->message);
}

const char *
pw_code_get_explanation (PwCode code)
{
  return _(pw_code_get_info (code)->explanation);
}

const char *
pw_code_get_fix (PwCode code)
{
  const char *fix = pw_code_get_info (code)->fix;

  return fix ? _(fix) : NULL;
}
