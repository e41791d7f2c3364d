import { type CodeEntry, codeEntry } from "./entry.js";

/** CL, TG: what the lab report claims (`claims`) and the tags its documented commands give (`tags`). */
export const reportCodes: CodeEntry[] = [
  codeEntry(
    "claims",
    "CL001",
    [
      "What the report says about heavy and light layers is true of the built image.",
      "Ce que le rapport dit des couches lourdes et légères est vrai de l'image construite.",
    ],
    [
      "The report must describe your own image, read from `docker history`, not a generic one.",
      "Le rapport doit décrire votre propre image, lue avec `docker history`, pas une image générique.",
    ],
    "« The COPY layer is the heaviest. »",
    [
      "Read the SIZE column of `docker history` on your image and correct the report.",
      "Lisez la colonne SIZE de `docker history` sur votre image et corrigez le rapport.",
    ],
  ),
  codeEntry(
    "claims",
    "CL002",
    [
      "The image size the report gives matches the built image, within a tolerance.",
      "La taille d'image donnée par le rapport correspond à l'image construite, à une tolérance près.",
    ],
    [
      "A figure copied from elsewhere shows the command was not run.",
      "Un chiffre recopié d'ailleurs montre que la commande n'a pas été lancée.",
    ],
    "« The image weighs 45 MB. »   (it weighs 150 MB)",
    [
      "Note the SIZE that `docker image ls` shows for your image.",
      "Notez la SIZE que `docker image ls` affiche pour votre image.",
    ],
  ),
  codeEntry(
    "claims",
    "CL003",
    [
      "The tags the report names are the image's real tags.",
      "Les tags que le rapport cite sont les vrais tags de l'image.",
    ],
    [
      "A tag named but never given cannot be pulled or run.",
      "Un tag cité mais jamais donné ne peut être ni tiré ni lancé.",
    ],
    "« tagged quotegen:1.0 »   (tags: 1.1.0, latest)",
    [
      "Name the tags your `docker tag` commands give.",
      "Citez les tags que donnent vos commandes `docker tag`.",
    ],
  ),
  codeEntry(
    "tags",
    "TG001",
    [
      "The documented build and tag commands give each required tag, on the same image.",
      "Les commandes de build et de tag documentées donnent chaque tag demandé, sur la même image.",
    ],
    [
      "Tags are how an image is found and versioned; the commands must be written down to be repeatable.",
      "Les tags servent à trouver et versionner une image ; les commandes doivent être écrites pour être rejouables.",
    ],
    "docker build -t quotegen .   (no 1.1.0)",
    [
      "Add the command to the report, e.g. `docker tag quotegen:latest quotegen:1.1.0`.",
      "Ajoutez la commande au rapport, par exemple `docker tag quotegen:latest quotegen:1.1.0`.",
    ],
  ),
  codeEntry(
    "tags",
    "TG002",
    [
      "The version tag is a semantic version MAJOR.MINOR.PATCH.",
      "Le tag de version est une version sémantique MAJEUR.MINEUR.CORRECTIF.",
    ],
    [
      "Semantic versions tell users what changed; `v1` or `1.1` do not say enough.",
      "Les versions sémantiques disent ce qui a changé ; `v1` ou `1.1` n'en disent pas assez.",
    ],
    "docker tag quotegen quotegen:v1.1",
    [
      "Tag with three numbers and no leading v: `quotegen:1.1.0`.",
      "Taguez avec trois nombres sans v initial : `quotegen:1.1.0`.",
    ],
  ),
  codeEntry(
    "tags",
    "TG003",
    [
      "Notes another name of the same image (for a registry or another repository).",
      "Signale un autre nom de la même image (pour un registre ou un autre dépôt).",
    ],
    [
      "Extra names are fine; they are not needed for the check.",
      "Les noms supplémentaires sont acceptés ; ils ne sont pas nécessaires à la vérification.",
    ],
    "docker tag quotegen:1.1.0 ghcr.io/me/quotegen:1.1.0",
    ["Nothing to fix.", "Rien à corriger."],
  ),
];
