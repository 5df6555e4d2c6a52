package io.gastown.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One AI coding agent working one bead: expanded into a Pod by the webhook, observed by the status
 * reporter.
 */
@Group(GasTown.GROUP)
@Version(GasTown.VERSION)
@Kind("Polecat")
@Plural("polecats")
@ShortNames("pc")
@Categories(GasTown.CATEGORY)
@AdditionalPrinterColumn(
    name = "Rig",
    jsonPath = ".spec.rig",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Bead",
    jsonPath = ".spec.beadID",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Agent",
    jsonPath = ".spec.agent",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Pod",
    jsonPath = ".status.podName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Polecat extends CustomResource<PolecatSpec, PolecatStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
}
