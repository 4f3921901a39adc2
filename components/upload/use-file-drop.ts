"use client";
/**
 * Drop-target props for a drop zone: highlights while files are dragged over it and
 * hands the dropped files on. An inner zone stops the drop from reaching outer ones.
 */
import { type DragEvent, useState } from "react";
import { carriesFiles } from "./read-files";

export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent<HTMLElement>) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };
  return {
    over,
    dropProps: {
      onDragEnter: accept,
      onDragOver: accept,
      onDragLeave: (e: DragEvent<HTMLElement>) => {
        if (!(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) setOver(false);
      },
      onDrop: (e: DragEvent<HTMLElement>) => {
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        onFiles(files);
      },
    },
  };
}
