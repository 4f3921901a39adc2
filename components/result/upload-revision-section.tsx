"use client";
/**
 * The form to upload a new revision (review links only), split from the page's
 * first load: its code — the upload form and the YAML parser that suggests where
 * files go — is fetched only when the form is rendered, so a view link never loads it.
 */
import dynamic from "next/dynamic";
import type { UploadRevisionFormProps } from "@/components/revision/upload-revision-form";

const UploadRevisionForm = dynamic(() => import("@/components/revision/upload-revision-form").then((m) => m.UploadRevisionForm));

export function UploadRevisionSection(props: UploadRevisionFormProps) {
  return <UploadRevisionForm {...props} />;
}
