{{- define "mlforge.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mlforge.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mlforge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mlforge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mlforge.labels" -}}
{{ include "mlforge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "mlforge.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "mlforge.secretName" -}}
{{ .Values.secret.existingSecret | default (include "mlforge.fullname" .) }}
{{- end -}}

{{/* Volumes and mounts the server and the migration Job share. */}}
{{- define "mlforge.volumeMounts" -}}
- name: data
  mountPath: /var/lib/mlforge
- name: config
  mountPath: /etc/mlforge
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end -}}
