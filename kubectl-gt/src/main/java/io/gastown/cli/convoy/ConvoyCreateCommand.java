package io.gastown.cli.convoy;

import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.Slinging;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.RepositoryState;
import io.gastown.model.Agent;
import io.gastown.model.Convoy;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.render.ConvoyManifests;
import io.gastown.render.Convoys;
import io.gastown.render.PolecatRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt convoy create}: a convoy tracking beads, optionally slinging one polecat per
 * bead.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt convoy create \"Login overhaul\" gt-1 gt-2 gt-3",
      "  kubectl gt convoy create \"Login overhaul\" gt-1 gt-2 --rig my-rig --sling"
    },
    description =
        "Write a Convoy tracking the beads into rigs/<rig>/convoys/, commit and push. With --sling, one "
            + "polecat per bead in the same commit.")
public class ConvoyCreateCommand extends WriteCommand<ConvoyCreateCommand.Created> {
  /** The convoy written, and the polecats slung with it (empty without --sling). */
  public record Created(Convoy convoy, List<Polecat> polecats) {}

  @Parameters(index = "0", paramLabel = "DESCRIPTION", description = "What the convoy delivers.")
  String description;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "BEAD",
      description = "The beads it tracks.")
  List<String> beads;

  @Option(
      names = "--rig",
      paramLabel = "RIG",
      description = "The rig. Default: the rig whose prefix the beads have, or the only rig.")
  String rig;

  @Option(
      names = "--name",
      paramLabel = "ID",
      description = "The convoy's ID. Default: cv-<description as a slug>.")
  String name;

  @Option(
      names = "--sling",
      description = "Also sling one polecat per bead (themed names), in the same commit.")
  boolean sling;

  @Option(
      names = "--theme",
      paramLabel = "THEME",
      description = "Name pool for --sling. Default: the rig's.")
  String theme;

  @Option(
      names = "--agent",
      paramLabel = "AGENT",
      description = "Agent for --sling. Default: the rig's.")
  String agent;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Model for --sling (opencode and aider need one).")
  String model;

  @Override
  protected Planner<Created> planner() {
    if (description == null || description.isBlank() || description.length() > 1024) {
      throw GtException.invalid(
          "the convoy description must be 1 to 1024 characters: say what the convoy delivers");
    }
    Set<String> seen = new HashSet<>();
    for (String bead : beads) {
      Inputs.beadId(bead, "bead ID");
      if (!seen.add(bead)) {
        throw GtException.invalid("bead " + bead + " is listed twice: list each bead once");
      }
    }
    if (rig != null) {
      Inputs.rigName(rig, "--rig");
    }
    if (name != null) {
      Inputs.polecatName(name, "--name");
    }
    if (!sling && (theme != null || agent != null || model != null)) {
      throw GtException.invalid(
          "--theme, --agent and --model choose how polecats are slung: add --sling, or leave "
              + "them out");
    }
    NamepoolTheme namepoolTheme = Inputs.theme(theme, "--theme");
    Agent chosenAgent = Inputs.agent(agent, "--agent");
    String image = RigDirectory.agentImage(environment());
    return state -> {
      Rig target = RigDirectory.requireRig(state, rig != null ? rig : inferRig(state));
      String rigName = target.getMetadata().getName();
      Set<String> convoys = new HashSet<>(state.convoys(rigName));
      if (name != null && convoys.contains(name)) {
        throw GtException.invalid(
            "convoy '"
                + name
                + "' already exists in rig "
                + rigName
                + ": choose another --name, or leave it out");
      }
      String id = name != null ? name : Convoys.idFor(description, beads.get(0), convoys);
      Convoy convoy = Convoys.create(target, id, description, beads);
      RigDirectory.requireValid(convoy, "convoy " + id);
      Changes changes = new Changes().write(ConvoyManifests.render(convoy));
      List<Polecat> polecats = List.of();
      if (sling) {
        List<PolecatRequest> requests = new ArrayList<>(beads.size());
        beads.forEach(
            bead ->
                requests.add(new PolecatRequest(null, bead, null, chosenAgent, null, null, model)));
        polecats = Slinging.sling(state, target, requests, namepoolTheme, image, changes);
      }
      RigDirectory.updateKustomization(state, rigName, changes);
      return new Plan<>(changes, message(id, rigName, polecats), new Created(convoy, polecats));
    };
  }

  private String message(String id, String rigName, List<Polecat> polecats) {
    StringBuilder message =
        new StringBuilder(
            "convoy create "
                + id
                + " in "
                + rigName
                + " ("
                + beads.size()
                + " beads"
                + (polecats.isEmpty() ? "" : ", slung")
                + ")\n\n"
                + description
                + "\n");
    if (!polecats.isEmpty()) {
      message.append('\n');
      polecats.forEach(
          p ->
              message
                  .append("sling ")
                  .append(p.getSpec().getBeadID())
                  .append(" as ")
                  .append(p.getMetadata().getName())
                  .append('\n'));
    }
    return message.toString();
  }

  /** The rig whose bead prefix all beads have; else the only rig. */
  private String inferRig(RepositoryState state) {
    List<String> rigs = state.rigs();
    List<String> matching = new ArrayList<>();
    for (String candidate : rigs) {
      String prefix = state.rig(candidate).orElseThrow().getSpec().getBeadsPrefix();
      if (beads.stream().allMatch(bead -> bead.startsWith(prefix + "-"))) {
        matching.add(candidate);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    if (matching.isEmpty() && rigs.size() == 1) {
      return rigs.get(0);
    }
    throw GtException.invalid(
        "cannot tell which rig the convoy is for"
            + (rigs.isEmpty()
                ? " (there are no rigs; create one with kubectl gt rig create)"
                : " (rigs: " + String.join(", ", rigs) + ")")
            + ": name it with --rig");
  }

  @Override
  protected String summary(Created created) {
    Convoy convoy = created.convoy();
    String text =
        "Convoy "
            + convoy.getMetadata().getName()
            + " created in rig "
            + convoy.getSpec().getRigRef()
            + " tracking "
            + beads.size()
            + " bead"
            + (beads.size() == 1 ? "" : "s");
    if (!created.polecats().isEmpty()) {
      List<String> names = created.polecats().stream().map(p -> p.getMetadata().getName()).toList();
      text +=
          ", slung "
              + names.size()
              + " polecat"
              + (names.size() == 1 ? "" : "s")
              + " ("
              + (names.size() <= 10
                  ? String.join(", ", names)
                  : String.join(", ", names.subList(0, 10)) + ", ...")
              + ")";
    }
    return text;
  }
}
