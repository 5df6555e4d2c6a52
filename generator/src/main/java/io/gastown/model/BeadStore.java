package io.gastown.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Where a rig's beads (issues) live; its settings reach polecat Pods as environment variables. */
@Group(GasTown.GROUP)
@Version(GasTown.VERSION)
@Kind("BeadStore")
@Plural("beadstores")
@Categories(GasTown.CATEGORY)
@AdditionalPrinterColumn(
    name = "Rig",
    jsonPath = ".spec.rigRef",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Prefix",
    jsonPath = ".spec.prefix",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class BeadStore extends CustomResource<BeadStoreSpec, BeadStoreStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}
