// Review UI for the result page (issue #6). Client components; see docs/api.md "Review API".
export { ActivityLog, type ActivityLogProps } from "./activity-log";
export { CommentThread, type CommentThreadProps } from "./comment-thread";
export { FindingReviewControls, type FindingReviewControlsProps } from "./finding-review-controls";
export { OwnerPanel, type OwnerPanelProps } from "./owner-panel";
export { ReviewerName, saveReviewerName, useReviewerName, REVIEWER_NAME_KEY } from "./reviewer-name";
export { RevisionDiff, type RevisionDiffProps } from "./revision-diff";
export { RevisionSwitcher, type RevisionSwitcherProps } from "./revision-switcher";
export { SignOffPanel, type SignOffPanelProps } from "./sign-off-panel";
export { UploadRevision, type UploadRevisionProps } from "./upload-revision";
